//go:build !unix

package coder_test

import "time"

// processCPU is unavailable here; benchmarks then report wall-clock
// figures only.
func processCPU() time.Duration { return 0 }
