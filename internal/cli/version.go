package cli

import (
	"context"
	"fmt"
	"runtime"

	"github.com/chronicle-dev/chronicle"
)

func runVersion(ctx context.Context, env Env, args []string) int {
	fs := newFlagSet(env, "version", "")
	if _, st, ok := parseFlags(fs, args); !ok {
		return st
	}
	fmt.Fprintf(env.Stdout, "chronicle %s (%s, %s/%s)\n", chronicle.Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return ExitOK
}
