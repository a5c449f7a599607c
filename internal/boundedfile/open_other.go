//go:build !unix

package boundedfile

import "os"

// openNonBlocking opens path read-only; the type check follows in Open.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

// setBlocking has nothing to do where files are opened blocking.
func setBlocking(*os.File) error { return nil }
