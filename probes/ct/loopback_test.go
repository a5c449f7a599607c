package ct_test

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/loopback"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/probes/ct"
	"github.com/certwiz/certwiz/report"
	"golang.org/x/crypto/ocsp"
)

// badLists are SCT-list extension values that cannot be read, each in a
// different way.
var badLists = map[string][]byte{
	"not an OCTET STRING":          {0x05, 0x00},
	"list length too long":         mustWrap([]byte{0x00, 0x10, 0x00, 0x02, 0xAA, 0xBB}),
	"empty list":                   mustWrap([]byte{0x00, 0x00}),
	"entry longer than the list":   mustWrap([]byte{0x00, 0x04, 0x00, 0x09, 0xAA, 0xBB}),
	"trailing bytes after the DER": append(mustWrap([]byte{0x00, 0x03, 0x00, 0x01, 0xAA}), 0x00),
}

func mustWrap(list []byte) []byte {
	b, err := asn1.Marshal(list)
	if err != nil {
		panic(err)
	}
	return b
}

// ctWorld is a lab whose root counts as public (so CT applies) and two
// logs from distinct operators.
type ctWorld struct {
	lab    *tlslab.Lab
	logs   []*ctlab.Log
	cfg    probes.Config
	public bool
}

func newCTWorld(t *testing.T, public bool) *ctWorld {
	t.Helper()
	w := &ctWorld{lab: tlslab.New(t), public: public}
	var err error
	if w.logs, err = ctlab.NewLogs("Operator A", "Operator B"); err != nil {
		t.Fatal(err)
	}
	list, _, err := ctlab.LogList(w.logs...)
	if err != nil {
		t.Fatal(err)
	}
	w.cfg = loopback.Config(t, w.lab)
	w.cfg.CTLogs = list
	if public {
		w.cfg.PublicRoots = w.lab.Roots()
	}
	return w
}

// leaf issues a leaf for the lab host carrying ext (when not nil).
func (w *ctWorld) leaf(t *testing.T, opts ...pki.Option) *pki.Cert {
	t.Helper()
	c, err := w.lab.Intermediate.Leaf([]string{tlslab.DefaultHost}, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (w *ctWorld) validTLSSCTs(leaf *pki.Cert) ([][]byte, error) {
	return ctlab.SignCerts(leaf.Cert.Raw, time.Now().Add(-time.Hour), w.logs...)
}

func (w *ctWorld) run(t *testing.T, opts ...tlslab.Option) *probes.TargetReport {
	t.Helper()
	cfg := w.cfg
	cfg.Targets = nil
	cfg.Resolve = map[string]string{}
	loopback.AddTarget(&cfg, w.lab.Serve(t, tlslab.Valid, opts...))
	rep := loopback.Run(t, cfg, nil)
	if len(rep.Targets) != 1 {
		t.Fatalf("%d targets", len(rep.Targets))
	}
	return rep.Targets[0]
}

func findingOf(tr *probes.TargetReport, id string) (findings.Finding, bool) {
	for _, f := range tr.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return findings.Finding{}, false
}

func ids(tr *probes.TargetReport) []string {
	var out []string
	for _, f := range tr.Findings {
		out = append(out, f.ID)
	}
	return out
}

// TestUnreadableEmbeddedSCTListIsCode4: a publicly trusted certificate
// whose SCT extension cannot be read fails CT (code 4) with a finding that
// names the embedded source, whatever way the list is broken.
func TestUnreadableEmbeddedSCTListIsCode4(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t, true)
	for name, val := range badLists {
		t.Run(name, func(t *testing.T) {
			leaf := w.leaf(t, pki.Extension(pkix.Extension{Id: ctlab.OIDEmbeddedSCTs, Value: val}))
			tr := w.run(t, tlslab.WithCertificate(leaf))
			if tr.Code() != findings.CodeCTInvalid {
				t.Fatalf("code %d, want 4; findings %v", tr.Code(), ids(tr))
			}
			f, ok := findingOf(tr, ct.IDMalformedSCTList)
			if !ok || f.Value(ct.LabelSource) != string(ct.SourceEmbedded) || f.Code != findings.CodeCTInvalid ||
				f.Severity != findings.Critical || f.Value(ct.LabelError) == "" {
				t.Fatalf("malformed-list finding = %+v, %v; findings %v", f, ok, ids(tr))
			}
			if tr.CT.Verdict != ct.VerdictNotCompliant {
				t.Fatalf("CT verdict %s", tr.CT.Verdict)
			}
			var sawInvalid bool
			for _, s := range tr.CT.SCTs {
				if s.Source == ct.SourceEmbedded && s.Verified != nil && !*s.Verified {
					sawInvalid = true
				}
			}
			if !sawInvalid {
				t.Fatalf("no invalid embedded SCT entry in %+v", tr.CT.SCTs)
			}
		})
	}
}

// TestUnreadableListIgnoredWhenDeliveredSCTsSuffice: valid SCTs in the
// TLS extension satisfy the policy, so the broken embedded list is a
// warning, not a fault (as in Chrome).
func TestUnreadableListIgnoredWhenDeliveredSCTsSuffice(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t, true)
	leaf := w.leaf(t, pki.Extension(pkix.Extension{Id: ctlab.OIDEmbeddedSCTs, Value: badLists["empty list"]}))
	tr := w.run(t, tlslab.WithCertificate(leaf), tlslab.WithSCTsFunc(w.validTLSSCTs))
	if tr.Code() != findings.CodeNone || tr.CT.Verdict != ct.VerdictCompliant {
		t.Fatalf("code %d verdict %s, want 0 compliant; findings %v", tr.Code(), tr.CT.Verdict, ids(tr))
	}
	if f, ok := findingOf(tr, ct.IDMalformedSCTList); !ok || f.Severity != findings.Warning {
		t.Fatalf("malformed-list finding = %+v, %v", f, ok)
	}
}

// TestUnparsableTLSSCTIsInvalidNotUnknown: junk in the TLS extension used
// to count as "could not be checked" and made the verdict unknown.
func TestUnparsableTLSSCTIsInvalidNotUnknown(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t, true)
	tr := w.run(t, tlslab.WithSCTs([]byte("junk"), []byte{0x00, 0x01, 0x02}))
	if tr.Code() != findings.CodeCTInvalid || tr.CT.Verdict != ct.VerdictNotCompliant {
		t.Fatalf("code %d verdict %s, want 4 not-compliant; findings %v", tr.Code(), tr.CT.Verdict, ids(tr))
	}
	f, ok := findingOf(tr, ct.IDMalformedSCT)
	if !ok || f.Value(ct.LabelSource) != string(ct.SourceTLS) || f.Code != findings.CodeCTInvalid {
		t.Fatalf("malformed-sct finding = %+v, %v", f, ok)
	}
}

// TestUnreadableOCSPSCTListIsCode4: the stapled OCSP response's SCT
// extension cannot be read and nothing else carries SCTs.
func TestUnreadableOCSPSCTListIsCode4(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t, true)
	leaf := w.leaf(t)
	staple := func(l *pki.Cert) ([]byte, error) {
		return ocsplab.Response(l.Issuer, nil, l.Cert, ocsp.Response{
			Status: ocsp.Good, NextUpdate: time.Now().Add(24 * time.Hour),
			ExtraExtensions: []pkix.Extension{{Id: ctlab.OIDOCSPSCTs, Value: badLists["list length too long"]}},
		})
	}
	tr := w.run(t, tlslab.WithCertificate(leaf), tlslab.WithOCSPStapleFunc(staple))
	if tr.Code() != findings.CodeCTInvalid {
		t.Fatalf("code %d, want 4; findings %v", tr.Code(), ids(tr))
	}
	f, ok := findingOf(tr, ct.IDMalformedSCTList)
	if !ok || f.Value(ct.LabelSource) != string(ct.SourceOCSP) {
		t.Fatalf("malformed-list finding = %+v, %v; findings %v", f, ok, ids(tr))
	}
	if got := report.FindingText(content.JA, f); !strings.HasPrefix(got, "OCSP 応答に含まれる") || strings.Contains(got, "ocsp") {
		t.Errorf("ja text = %q", got)
	}
	if got := report.FindingText(content.EN, f); !strings.Contains(got, "in the OCSP response") {
		t.Errorf("en text = %q", got)
	}
}

// TestUnreadableListWithoutCTRequirement: a private chain needs no SCTs,
// so a broken list is only information.
func TestUnreadableListWithoutCTRequirement(t *testing.T) {
	t.Parallel()
	w := newCTWorld(t, false)
	leaf := w.leaf(t, pki.Extension(pkix.Extension{Id: ctlab.OIDEmbeddedSCTs, Value: badLists["not an OCTET STRING"]}))
	tr := w.run(t, tlslab.WithCertificate(leaf))
	if tr.Code() != findings.CodeNone || tr.CT.Verdict != ct.VerdictNotApplicable {
		t.Fatalf("code %d verdict %s; findings %v", tr.Code(), tr.CT.Verdict, ids(tr))
	}
	if f, ok := findingOf(tr, ct.IDMalformedSCTList); !ok || f.Severity != findings.Info {
		t.Fatalf("malformed-list finding = %+v, %v", f, ok)
	}
}
