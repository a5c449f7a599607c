package boundedfile

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every shape of file a flag can name: only regular files within the cap
// are read; the rest are refused at once with a one-line error naming the
// path and what it is.
func TestReadFileShapes(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	normal := filepath.Join(dir, "roots.pem")
	if err := os.WriteFile(normal, []byte("-----BEGIN CERTIFICATE-----\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	sparse := filepath.Join(dir, "sparse")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(1 << 30); err != nil { // 1 GB, no blocks
		t.Fatal(err)
	}
	_ = f.Close()
	exact := filepath.Join(dir, "exact")
	if err := os.WriteFile(exact, make([]byte, 1000), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name, path string
		max        int64
		want       error
		say        string
		size       int
	}{
		{"normal file", normal, 0, nil, "", 28},
		{"empty file", empty, 0, nil, "", 0},
		{"at the cap", exact, 1000, nil, "", 1000},
		{"one over the cap", exact, 999, ErrTooLarge, "limit is 999", 0},
		{"sparse 1 GB", sparse, 0, ErrTooLarge, "file too large", 0},
		{"/dev/zero", "/dev/zero", 0, ErrNotRegular, "character device", 0},
		{"/dev/null", "/dev/null", 0, ErrNotRegular, "character device", 0},
		{"FIFO without a writer", fifo, 0, ErrNotRegular, "FIFO", 0},
		{"directory", dir, 0, ErrNotRegular, "directory", 0},
		{"missing", filepath.Join(dir, "nope"), 0, os.ErrNotExist, "no such file", 0},
	} {
		data, err := ReadFile(context.Background(), tc.path, tc.max)
		if tc.want == nil {
			if err != nil || len(data) != tc.size {
				t.Errorf("%s: %d bytes, err %v; want %d bytes", tc.name, len(data), err, tc.size)
			}
			continue
		}
		if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.say) || !strings.Contains(err.Error(), tc.path) {
			t.Errorf("%s: err %v; want %v saying %q and naming the path", tc.name, err, tc.want, tc.say)
		}
		if err != nil && strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error spans lines: %q", tc.name, err)
		}
	}
}

// A cancelled context stops the read.
func TestReadFileCancelled(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, make([]byte, 3*chunk), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ReadFile(ctx, path, 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}
