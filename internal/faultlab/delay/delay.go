// Package delay is a user-space relay on 127.0.0.1 that holds back every
// chunk of traffic for a fixed time in each direction, giving a loopback
// server a real round-trip delay (this kernel has no netem). Benchmarks
// use it to show that probes run concurrently. It relays to loopback
// targets only.
package delay

import (
	"fmt"

	"github.com/certwiz/certwiz/internal/faultlab"
)

// loopbackTarget checks that target is host:port with a loopback IP.
func loopbackTarget(target string) error {
	if err := faultlab.LoopbackAddr(target); err != nil {
		return fmt.Errorf("delay target: %w", err)
	}
	return nil
}
