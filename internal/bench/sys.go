package bench

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// LoadAvg is the machine's load average (/proc/loadavg) when a figure
// was taken: figures from a shared machine mean little without it.
type LoadAvg struct {
	One, Five, Fifteen float64
	OK                 bool // false where /proc/loadavg is missing
}

// ReadLoadAvg reads /proc/loadavg.
func ReadLoadAvg() LoadAvg {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return LoadAvg{}
	}
	l, err := ParseLoadAvg(string(b))
	if err != nil {
		return LoadAvg{}
	}
	return l
}

// ParseLoadAvg reads the first three fields of /proc/loadavg.
func ParseLoadAvg(s string) (LoadAvg, error) {
	f := strings.Fields(s)
	if len(f) < 3 {
		return LoadAvg{}, fmt.Errorf("loadavg %q: want three numbers", s)
	}
	var v [3]float64
	for i := range v {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil || x < 0 {
			return LoadAvg{}, fmt.Errorf("loadavg %q: field %d is not a load", s, i+1)
		}
		v[i] = x
	}
	return LoadAvg{v[0], v[1], v[2], true}, nil
}

func (l LoadAvg) String() string {
	if !l.OK {
		return "load n/a"
	}
	return fmt.Sprintf("load %.2f %.2f %.2f", l.One, l.Five, l.Fifteen)
}

// PeakRSS returns the process's peak resident set size in bytes
// (VmHWM of /proc/self/status), or 0 where that is not available.
func PeakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	n, _ := ParseVmHWM(b)
	return n
}

// ParseVmHWM finds the VmHWM line of a /proc/PID/status file and returns
// its value in bytes.
func ParseVmHWM(status []byte) (int64, error) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:")
		if !ok {
			continue
		}
		f := strings.Fields(rest)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("VmHWM %q: want a number of kB", rest)
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || kb < 0 {
			return 0, fmt.Errorf("VmHWM %q: want a number of kB", rest)
		}
		return kb << 10, nil
	}
	return 0, fmt.Errorf("no VmHWM line")
}

// CacheDir is where synthetic stores are kept between runs: $dir when
// set, else chronicle/bench under the user's cache directory, else the
// temporary directory.
func CacheDir(env string) string {
	if env != "" {
		return env
	}
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "chronicle", "bench")
	}
	return filepath.Join(os.TempDir(), "chronicle-bench")
}
