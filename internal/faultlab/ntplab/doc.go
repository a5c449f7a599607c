// Package ntplab runs real NTP servers on 127.0.0.1 for tests: Debian's
// chronyd, serving its local clock at stratum 8 with no upstream, under
// libfaketime so its clock runs at a chosen offset from the machine's.
//
// chronyd runs with -x, so it never touches the system clock, and the
// fake time applies only to the chronyd child (LD_PRELOAD on its own
// environment); the test process keeps the real clock. An offset of zero
// runs chronyd on the real clock, without libfaketime; other offsets must
// be at least MinOffset, below which chronyd mixes the kernel's real
// arrival stamps with its faked clock.
package ntplab
