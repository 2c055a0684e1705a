//go:build unix

package coder_test

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used, so benchmarks can
// report throughput per CPU-second, which stays meaningful on a machine
// shared with other work.
func processCPU() time.Duration {
	var r syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &r); err != nil {
		return 0
	}
	return time.Duration(r.Utime.Nano() + r.Stime.Nano())
}
