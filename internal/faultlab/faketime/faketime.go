// Package faketime runs a lab child process (chronyd, openssl ocsp) with
// its wall clock moved by an offset, through Debian's libfaketime
// preloaded into that child alone.
//
// It sets LD_PRELOAD and FAKETIME itself rather than calling the
// faketime wrapper: the wrapper makes a named semaphore and shared
// memory per process, which a child stopped by signal never removes, and
// a later wrapper that draws the same PID then refuses to start
// ("sem_open: File exists").
package faketime

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// candidates are where Debian's libfaketime package puts the preload
// library on the architectures certwiz's CI uses.
var candidates = []string{
	"/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/arm-linux-gnueabihf/faketime/libfaketime.so.1",
	"/usr/lib/i386-linux-gnu/faketime/libfaketime.so.1",
	"/usr/lib/faketime/libfaketime.so.1",
}

// Library returns the path of libfaketime.so.1, or an error naming the
// Debian package to install.
func Library() (string, error) {
	for _, p := range candidates {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if m, _ := filepath.Glob("/usr/lib/*/faketime/libfaketime.so.1"); len(m) > 0 {
		return m[0], nil
	}
	return "", errors.New("libfaketime.so.1 not found (Debian package faketime / libfaketime)")
}

// Spec renders offset as a libfaketime relative offset in seconds:
// "+7200.000", "-1800.000", "+0.000".
func Spec(offset time.Duration) string {
	s := strconv.FormatFloat(offset.Seconds(), 'f', 3, 64)
	if offset >= 0 {
		s = "+" + s
	}
	return s
}

// Env is this process's environment without any inherited preload or
// fake-time settings, plus lib preloaded at offset. Monotonic clocks are
// left alone, so the child's timeouts and intervals stay real. A zero
// offset preloads nothing: the child gets the real clock, which
// libfaketime's "+0" is not quite (chronyd under it answered with a
// transmit time before the receive time when the machine was busy).
func Env(lib string, offset time.Duration) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "LD_PRELOAD=") || strings.HasPrefix(kv, "FAKETIME") {
			continue
		}
		env = append(env, kv)
	}
	if offset == 0 {
		return env
	}
	return append(env,
		"LD_PRELOAD="+lib,
		"FAKETIME="+Spec(offset),
		"FAKETIME_DONT_FAKE_MONOTONIC=1",
	)
}
