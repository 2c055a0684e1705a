// Command chronicle turns dated news into political event data.
// See the README for the commands; all work is done in internal/.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/chronicle-dev/chronicle/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], cli.Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv})
	stop()
	os.Exit(code)
}
