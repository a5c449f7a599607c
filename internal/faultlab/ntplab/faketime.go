package ntplab

import (
	"errors"
	"os"
	"path/filepath"
)

// fakeTimeCandidates are where Debian's libfaketime package puts the
// preload library on the architectures certwiz's CI uses.
var fakeTimeCandidates = []string{
	"/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/arm-linux-gnueabihf/faketime/libfaketime.so.1",
	"/usr/lib/i386-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/faketime/libfaketime.so.1",
}

// FakeTimeLibrary returns the path of libfaketime.so.1, or an error
// naming the Debian package to install.
func FakeTimeLibrary() (string, error) {
	for _, p := range fakeTimeCandidates {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if m, _ := filepath.Glob("/usr/lib/*/faketime/libfaketime.so.1"); len(m) > 0 {
		return m[0], nil
	}
	return "", errors.New("libfaketime.so.1 not found (Debian package faketime / libfaketime)")
}
