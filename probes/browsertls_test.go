package probes_test

import (
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/interception"
	"github.com/certwiz/certwiz/verdict"
)

// TestInstalledRoots: a root the owner installed is trusted, reported as
// a locally deployed root, with no CT requirement; the --roots pool it is
// merged into is not changed.
func TestInstalledRoots(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	for _, installed := range []bool{true, false} {
		cfg := loopback.Config(t, lab)
		shared := x509.NewCertPool() // as --roots: one pool for both
		cfg.Roots, cfg.PublicRoots = shared, shared
		if installed {
			cfg.InstalledRoots = []*x509.Certificate{lab.Root.Cert}
		}
		srv := lab.Serve(t, tlslab.Valid)
		loopback.AddTarget(&cfg, srv)
		rep := loopback.Run(t, cfg, nil)
		tr := rep.Targets[0]
		if !installed {
			if tr.Code() != findings.CodeUntrustedIssuer {
				t.Fatalf("without the installed root: code %v (%v)", tr.Code(), ids(tr.Findings))
			}
			continue
		}
		if tr.Code() != findings.CodeNone || tr.Pool.Trust != interception.EnterpriseRoot || !hasID(tr.Findings, interception.IDEnterpriseRoot) {
			t.Fatalf("installed root: code %v, trust %q, findings %v", tr.Code(), tr.Pool.Trust, ids(tr.Findings))
		}
		for _, f := range tr.Findings {
			if strings.HasPrefix(f.ID, "ct.") && findings.Counts(f) {
				t.Fatalf("CT required under an installed root: %v", ids(tr.Findings))
			}
		}
		if _, err := srv.Chain[0].Verify(x509.VerifyOptions{Roots: shared, Intermediates: lab.Intermediate.Pool()}); err == nil {
			t.Fatal("the installed root leaked into the --roots pool")
		}
	}
}

// TestAIACompletionThroughResolve: the missing intermediate is fetched
// from an AIA host name that only --resolve knows, and the target is
// fine apart from a warning for the server's owner.
func TestAIACompletionThroughResolve(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	aia := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write(lab.Intermediate.Cert.Raw)
	}))
	t.Cleanup(aia.Close)
	_, port, _ := net.SplitHostPort(aia.Listener.Addr().String())
	url := fmt.Sprintf("http://ca.zoom.test:%s/issuing.crt", port)
	cfg := loopback.Config(t, lab)
	cfg.Resolve["ca.zoom.test:"+port] = "127.0.0.1"
	loopback.AddTarget(&cfg, lab.Serve(t, tlslab.MissingIntermediate, tlslab.WithLeafOptions(pki.IssuingCertificateURL(url))))
	rep := loopback.Run(t, cfg, nil)
	tr := rep.Targets[0]
	if tr.Code() != findings.CodeNone || !hasID(tr.Findings, "cert.chain-completed") {
		t.Fatalf("code %v, findings %v", tr.Code(), ids(tr.Findings))
	}
	if st := diagnosis.Decide(rep, verdict.Answers{}).Status; st != verdict.StatusWarning {
		t.Fatalf("exit status %d, want %d (warning)", st, verdict.StatusWarning)
	}
	for _, f := range tr.Findings {
		if f.ID == "cert.chain-completed" && (f.Severity != findings.Warning || f.Value("aia_issuer_url") != url) {
			t.Fatalf("completion finding %+v", f)
		}
		if f.ID == "revocation.no-issuer" {
			t.Fatal("revocation did not see the fetched issuer")
		}
	}
}
