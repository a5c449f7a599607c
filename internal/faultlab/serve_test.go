package faultlab

import (
	"bufio"
	"net"
	"testing"
)

func TestServeTCPRunsTheHandlerPerConnection(t *testing.T) {
	addr := ServeTCP(t, func(c net.Conn) {
		line, _ := bufio.NewReader(c).ReadString('\n')
		_, _ = c.Write([]byte("got " + line))
	})
	for _, msg := range []string{"one\n", "two\n"} {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Write([]byte(msg)); err != nil {
			t.Fatal(err)
		}
		got, err := bufio.NewReader(c).ReadString('\n')
		c.Close()
		if err != nil || got != "got "+msg {
			t.Fatalf("reply %q, %v", got, err)
		}
	}
}
