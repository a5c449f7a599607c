package cli_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"testing"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// forwardFromIPv6 listens on [::1] and relays every connection to addr,
// so a lab server is reachable over IPv6 loopback.
func forwardFromIPv6(t *testing.T, addr string) int {
	t.Helper()
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	}
	faultlab.ServeConns(t, ln, func(c net.Conn) {
		up, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer up.Close()
		go func() { _, _ = io.Copy(up, c) }()
		_, _ = io.Copy(c, up)
	})
	return ln.Addr().(*net.TCPAddr).Port
}

// TestResolveIPv6 takes curl's form for an IPv6 address,
// HOST:PORT:[ADDRESS], and really connects there.
func TestResolveIPv6(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv := e.lab.Serve(t, tlslab.Valid)
	port := forwardFromIPv6(t, srv.Addr)
	target := fmt.Sprintf("%s:%d", srv.Host, port)
	e.resolves = append(e.resolves, fmt.Sprintf("%s:%d:[::1]", srv.Host, port))
	e.targets = append(e.targets, target)
	r := certwiz(ctxT(t), e.args("--json")...)
	var doc struct {
		Targets []struct {
			Address string `json:"address"`
			Tested  bool   `json:"tested"`
			Chain   []any  `json:"chain"`
		} `json:"targets"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s\n%s", err, r.stdout, r.err)
	}
	want := fmt.Sprintf("[::1]:%d", port)
	if len(doc.Targets) != 1 || doc.Targets[0].Address != want || !doc.Targets[0].Tested || len(doc.Targets[0].Chain) == 0 {
		t.Fatalf("targets %+v, want one tested target reached at %s\nstderr: %s", doc.Targets, want, r.err)
	}
}
