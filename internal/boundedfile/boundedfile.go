// Package boundedfile reads the files certwiz is pointed at on its command
// line (--roots, --ct-logs, --host-key, authorized_keys): regular files
// only, never more than a size cap, and without ever blocking on a FIFO or
// a device.
package boundedfile

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// DefaultMax is the cap used when ReadFile is given max <= 0. A trust
// bundle or a CT log list is far smaller.
const DefaultMax = 16 << 20

// chunk is how much is read between two looks at the context.
const chunk = 64 << 10

// ErrNotRegular is returned (wrapped) for FIFOs, devices, sockets and
// directories.
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is returned (wrapped) for files over the cap.
var ErrTooLarge = errors.New("file too large")

// ReadFile reads the regular file at path, refusing anything else and
// anything larger than max bytes (DefaultMax when max <= 0). The file is
// opened without blocking (O_NONBLOCK where the platform has it), so a
// FIFO or a device is refused at once instead of hanging; the read stops
// when ctx is cancelled. Errors name path and say what was wrong in one
// line.
func ReadFile(ctx context.Context, path string, max int64) ([]byte, error) {
	f, err := Open(path, max)
	if err != nil {
		return nil, err
	}
	defer f.Close() //nolint:errcheck // read-only
	if max <= 0 {
		max = DefaultMax
	}
	var out bytes.Buffer
	if info, err := f.Stat(); err == nil {
		out.Grow(int(min(info.Size(), max)))
	}
	buf := make([]byte, chunk)
	for {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		n, err := f.Read(buf)
		out.Write(buf[:n])
		if int64(out.Len()) > max {
			return nil, fmt.Errorf("%s: %w (more than %d bytes)", path, ErrTooLarge, max)
		}
		if errors.Is(err, io.EOF) {
			return out.Bytes(), nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// Open opens path for reading after checking that it is a regular file of
// at most max bytes (DefaultMax when max <= 0). The caller closes the file
// and should still bound its reads (the file may grow).
func Open(path string, max int64) (*os.File, error) {
	if max <= 0 {
		max = DefaultMax
	}
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, unwrapPathError(err))
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if !info.Mode().IsRegular() {
		_ = f.Close()
		return nil, fmt.Errorf("%s is %s, %w", path, kind(info.Mode()), ErrNotRegular)
	}
	if info.Size() > max {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w (%d bytes, the limit is %d)", path, ErrTooLarge, info.Size(), max)
	}
	if err := setBlocking(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return f, nil
}

// kind names a non-regular file type for the error message.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO (named pipe)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	}
	return "not a plain file"
}

// unwrapPathError drops *fs.PathError's own copy of the path, which the
// caller's message already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
