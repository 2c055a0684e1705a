package cli

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// counter shows progress of a job whose total is not known in advance
// (events exported, articles coded): a spinner with the rate on a
// terminal, a line every few seconds otherwise.
type counter struct {
	mu    sync.Mutex
	w     io.Writer
	what  string
	bar   *progressbar.ProgressBar
	n     int
	start time.Time
	last  time.Time
	quiet bool
}

func newCounter(env Env, what string, quiet bool) *counter {
	c := &counter{w: env.Stderr, what: what, start: time.Now(), last: time.Now(), quiet: quiet}
	if quiet {
		return c
	}
	if f, ok := env.Stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		c.bar = progressbar.NewOptions(-1,
			progressbar.OptionSetWriter(env.Stderr),
			progressbar.OptionSetDescription(what),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString(what),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	return c
}

// set records that n items are done.
func (c *counter) set(n int) {
	if c.quiet {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bar != nil {
		_ = c.bar.Set(n)
		c.n = n
		return
	}
	c.n = n
	if now := time.Now(); now.Sub(c.last) >= 5*time.Second {
		c.last = now
		fmt.Fprintf(c.w, "chronicle: %d %s so far (%.0f/s)\n", n, c.what, float64(n)/now.Sub(c.start).Seconds())
	}
}

func (c *counter) finish() {
	if c.bar != nil {
		_ = c.bar.Finish()
	}
}
