//go:build unix

package cli_test

import (
	"syscall"
	"testing"
)

// mkfifo makes a named pipe at path: reading it would block until a
// writer comes, which is what the bounded reads must never do.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
}
