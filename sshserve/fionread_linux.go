package sshserve

import "golang.org/x/sys/unix"

// fionread is the ioctl that reports how many bytes wait to be read.
const fionread = unix.TIOCINQ
