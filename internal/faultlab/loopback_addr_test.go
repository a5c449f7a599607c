package faultlab

import "testing"

func TestLoopbackAddr(t *testing.T) {
	t.Parallel()
	for addr, ok := range map[string]bool{
		"127.0.0.1:443": true, "[::1]:8443": true, "127.9.9.9:1": true,
		"192.0.2.1:443": false, "example.test:443": false, "localhost:443": false,
		"127.0.0.1": false, "": false,
	} {
		if err := LoopbackAddr(addr); (err == nil) != ok {
			t.Errorf("%q: accepted=%v (%v), want %v", addr, err == nil, err, ok)
		}
	}
}
