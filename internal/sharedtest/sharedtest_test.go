package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestPathSkipsWhenAbsent(t *testing.T) {
	ran := false
	t.Run("missing", func(t *testing.T) {
		Path(t, "no-such-folder-in-shared")
		ran = true
	})
	if ran {
		t.Error("Path did not skip for a missing folder")
	}
}

func TestPathFindsShared(t *testing.T) {
	p := Path(t) // skips when ../shared is absent
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() || filepath.Base(p) != "shared" {
		t.Errorf("Path() = %q (%v)", p, err)
	}
}
