//go:build !unix

package cli_test

import "testing"

// mkfifo: this system has no named pipes in the file system.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	t.Skipf("no FIFO on this system (%s)", path)
}
