// Package clock owns the question "is this machine's clock right?".
//
// It asks several SNTP servers at once, sets aside answers that cannot be
// right (before the build time, or decades after it), and uses the
// largest group of answers that agree (see consensus.go); disagreeing
// sources are never averaged, and a tie is broken by the targets' HTTPS
// Date headers or left unknown. When UDP 123 is blocked it falls back to
// those Date headers, and when nothing on the network answers it bounds
// the clock by the binary's build time, as Chromium does. The verdict follows Chromium's rule: the clock is wrong when it
// differs from the reference by more than the reference's uncertainty
// plus five minutes.
//
// The probe never changes the machine's clock and never prints; it
// returns a Result whose Findings carry raw evidence.
package clock
