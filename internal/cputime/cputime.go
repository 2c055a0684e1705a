// Package cputime tells benchmarks how much CPU time the process has
// used, so they can report throughput per CPU-second: a figure that stays
// meaningful on a machine shared with other work, where wall time does not.
package cputime

import "time"

// Process returns the user and system CPU time the process has used, or
// 0 where the platform does not say.
func Process() time.Duration { return process() }
