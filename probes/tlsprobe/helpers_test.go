package tlsprobe

import (
	"context"
	"net"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// dialTo returns a Dial that connects to addr whatever the host name is,
// as --resolve does.
func dialTo(addr string) DialFunc {
	return func(ctx context.Context, _ string, _ int) (net.Conn, string, string, error) {
		var d net.Dialer
		c, err := d.DialContext(ctx, "tcp", addr)
		if err != nil {
			return nil, addr, "", err
		}
		return c, c.RemoteAddr().String(), "", nil
	}
}

// probeServer probes srv under the name host with the lab's roots.
func probeServer(t testing.TB, lab *tlslab.Lab, srv *tlslab.Server, host string, timeout time.Duration) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	return Probe(ctx, Config{Host: host, Port: srv.Port, Dial: dialTo(srv.Addr), Roots: lab.Roots()})
}

func ids(fs []findings.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func find(t *testing.T, r *Result, id string) findings.Finding {
	t.Helper()
	for _, f := range r.Findings {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no finding %s in %v", id, ids(r.Findings))
	return findings.Finding{}
}

func wantEvidence(t *testing.T, f findings.Finding, label, want string) {
	t.Helper()
	got := f.Value(label)
	if want == "*" {
		if got == "" {
			t.Errorf("%s: evidence %s is empty (evidence %v)", f.ID, label, f.Evidence)
		}
		return
	}
	if !strings.Contains(got, want) {
		t.Errorf("%s: evidence %s = %q, want it to contain %q", f.ID, label, got, want)
	}
}

func checkListed(t *testing.T, fs []findings.Finding) {
	t.Helper()
	for _, f := range fs {
		if !slices.Contains(FindingIDs, f.ID) {
			t.Errorf("finding %s is not in FindingIDs", f.ID)
		}
		if f.Summary == "" {
			t.Errorf("finding %s has no summary", f.ID)
		}
	}
}
