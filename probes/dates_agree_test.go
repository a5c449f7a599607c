package probes_test

import (
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/probes/interception"
)

// TestDateFaultsLeaveTrustAlone serves chains under a trusted, public
// root whose only fault is a date, with SCTs from two lab logs. Every
// probe asks its trust question at the same moments (chainverify's
// TrustTimes), so the date is the one fault: the TLS probe finds code 5
// alone, the root classification still sees a public root, and CT still
// applies and is met.
func TestDateFaultsLeaveTrustAlone(t *testing.T) {
	t.Parallel()
	lab := tlslab.New(t)
	logs, err := ctlab.NewLogs("Operator A", "Operator B")
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := ctlab.LogList(logs...)
	if err != nil {
		t.Fatal(err)
	}
	withSCTs := tlslab.WithSCTsFunc(func(leaf *pki.Cert) ([][]byte, error) {
		// Signed inside the leaf's own lifetime, as a log would.
		return ctlab.SignCerts(leaf.Cert.Raw, leaf.Cert.NotBefore.Add(time.Minute), logs...)
	})
	cfg := loopback.Config(t, lab)
	cfg.PublicRoots = lab.Roots()
	cfg.CTLogs = list
	cfg.SkipClock, cfg.SkipCaptive = true, true
	scenarios := []tlslab.Scenario{tlslab.ExpiredIntermediate, tlslab.Expired, tlslab.NotYetValid}
	for _, s := range scenarios {
		loopback.AddTarget(&cfg, lab.Serve(t, s, withSCTs))
	}
	rep := loopback.Run(t, cfg, nil)
	for i, s := range scenarios {
		tr := rep.Targets[i]
		if got := findings.Codes(tr.Findings); len(got) != 1 || got[0] != findings.CodeDateInvalid {
			t.Errorf("%s: codes %v, want only 5; findings %v", s, got, ids(tr.Findings))
		}
		if tr.Pool.Trust != interception.Public || !tr.Pool.SystemTrusted {
			t.Errorf("%s: root classification %+v, want public and trusted here", s, tr.Pool)
		}
		if tr.CT == nil || tr.CT.Verdict != ct.VerdictCompliant {
			t.Errorf("%s: CT %+v, want compliant (CT applies to a public root)", s, tr.CT)
		}
	}
}
