//go:build unix

package boundedfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// openNonBlocking opens path read-only with O_NONBLOCK, so that opening a
// FIFO without a writer, or a device, returns at once.
func openNonBlocking(path string) (*os.File, error) {
	for {
		fd, err := unix.Open(path, unix.O_RDONLY|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return os.NewFile(uintptr(fd), path), nil
	}
}

// setBlocking clears O_NONBLOCK once the file is known to be regular
// (where it makes no difference, but keeps reads plain).
func setBlocking(f *os.File) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	if err := rc.Control(func(fd uintptr) { serr = unix.SetNonblock(int(fd), false) }); err != nil {
		return err
	}
	return serr
}
