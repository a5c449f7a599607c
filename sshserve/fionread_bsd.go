//go:build darwin || dragonfly || freebsd || netbsd || openbsd || solaris

package sshserve

// fionread is FIONREAD (_IOR('f', 127, int)), the same on these systems.
const fionread = 0x4004667f
