package faultlab

import (
	"errors"
	"fmt"
	"net"
)

// LoopbackAddr checks that addr is host:port with a loopback IP address:
// the lab's tools reach nothing else.
func LoopbackAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return errors.New("address " + addr + " is not a loopback IP address")
	}
	return nil
}
