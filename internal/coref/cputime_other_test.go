//go:build !unix

package coref

import "time"

func processCPU() time.Duration { return 0 }
