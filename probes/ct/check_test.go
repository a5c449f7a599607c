package ct

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ctlab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
)

func TestEmbeddedSCTsFromTwoOperatorsComply(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}})
	res := Check(w.input(leaf))
	wantVerdict(t, res, VerdictCompliant)
	if len(res.SCTs) != 2 {
		t.Fatalf("SCTs = %+v", res.SCTs)
	}
	for i, want := range []struct{ name, op string }{{"Alpha 2027", "Operator A"}, {"Bravo 2027", "Operator B"}} {
		s := res.SCTs[i]
		if s.Verified == nil || !*s.Verified || s.LogName != want.name || s.Operator != want.op || s.Source != SourceEmbedded || s.LogState != "usable" {
			t.Fatalf("SCT %d = %+v", i, s)
		}
	}
}

func TestTamperedSCTIsCode4(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1, Tamper: true}})
	res := Check(w.input(leaf))
	wantVerdict(t, res, VerdictNotCompliant, findings.CodeCTInvalid)
	f := find(t, res, IDInvalidSignature)
	if f.Severity != findings.Critical || f.Value(LabelLogName) != "Bravo 2027" || f.Value(LabelOperator) != "Operator B" {
		t.Fatalf("invalid-signature = %+v", f)
	}
	find(t, res, IDTooFewSCTs)
	if v := res.SCTs[1].Verified; v == nil || *v {
		t.Fatalf("tampered SCT verified = %v", v)
	}
}

func TestTamperedSCTIgnoredWhenOthersSuffice(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}, {Log: w.a2, Tamper: true}})
	res := Check(w.input(leaf))
	wantVerdict(t, res, VerdictCompliant)
	if f := find(t, res, IDInvalidSignature); f.Severity != findings.Warning {
		t.Fatalf("invalid-signature severity %v, want warning", f.Severity)
	}
}

func TestUnknownLogIsNeverCode4(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.x}})
	res := Check(w.input(leaf))
	wantVerdict(t, res, VerdictUnknown)
	f := find(t, res, IDUnknownLog)
	if f.Severity != findings.Info || f.Value(LabelLogID) != w.x.IDBase64() {
		t.Fatalf("unknown-log = %+v", f)
	}
	if res.SCTs[1].Verified != nil {
		t.Fatal("an SCT of an unknown log must have verified = null")
	}
}

func TestTooFewSCTs(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	res := Check(w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}})))
	wantVerdict(t, res, VerdictNotCompliant, findings.CodeCTInvalid)
	f := find(t, res, IDTooFewSCTs)
	if f.Value(LabelValidEmbedded) != "1" || f.Value(LabelRequiredEmbedded) != "2" {
		t.Fatalf("too-few evidence = %v", f.Evidence)
	}
}

func TestNoSCTsAtAll(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	res := Check(w.input(w.issue(t, nil)))
	wantVerdict(t, res, VerdictNotCompliant, findings.CodeCTInvalid)
	find(t, res, IDTooFewSCTs)
}

func TestTooFewOperators(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	res := Check(w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.a2}})))
	wantVerdict(t, res, VerdictNotCompliant, findings.CodeCTInvalid)
	if f := find(t, res, IDTooFewOperators); f.Value(LabelOperators) != "1" {
		t.Fatalf("too-few-operators evidence = %v", f.Evidence)
	}
}

func TestLongLivedCertificateNeedsThree(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	long := pki.Valid(time.Now().Add(-time.Hour), time.Now().Add(365*24*time.Hour))
	two := Check(w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}}, long)))
	wantVerdict(t, two, VerdictNotCompliant, findings.CodeCTInvalid)
	if f := find(t, two, IDTooFewSCTs); f.Value(LabelRequiredEmbedded) != "3" {
		t.Fatalf("required = %q", f.Value(LabelRequiredEmbedded))
	}
	three := Check(w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.a2}, {Log: w.b1}}, long)))
	wantVerdict(t, three, VerdictCompliant)
}

func TestFutureTimestampIsClockEvidence(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	future := time.Now().Add(2 * time.Hour)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1, Time: future}, {Log: w.b1}})
	in := w.input(leaf)
	res := Check(in)
	wantVerdict(t, res, VerdictCompliant)
	f := find(t, res, IDFutureTimestamp)
	if f.Severity != findings.Warning || f.Code != findings.CodeNone || f.ClockCaused {
		t.Fatalf("future-timestamp = %+v", f)
	}
	in.Reference = time.Now().Add(3 * time.Hour)
	if f := find(t, Check(in), IDFutureTimestamp); !f.ClockCaused {
		t.Fatal("a timestamp before the reference time must be marked clock-caused")
	}
}

func TestRetiredLog(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	w.b1.Retired = time.Now().Add(-24 * time.Hour)
	list, _, err := ctlab.LogList(w.a1, w.b1)
	if err != nil {
		t.Fatal(err)
	}
	in := w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}}))
	in.Logs = list
	res := Check(in)
	wantVerdict(t, res, VerdictNotCompliant, findings.CodeCTInvalid)
	if res.SCTs[1].LogState != "retired" || res.SCTs[1].Error == "" {
		t.Fatalf("retired SCT = %+v", res.SCTs[1])
	}
	// An SCT issued before the retirement still counts.
	in = w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1, Time: time.Now().Add(-48 * time.Hour)}}))
	in.Logs = list
	wantVerdict(t, Check(in), VerdictCompliant)
}

func TestDeliveredSCTs(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, nil)
	sign := func(l *ctlab.Log, tamper bool) []byte {
		s, err := l.SignCert(leaf.Cert.Raw, time.Now().Add(-time.Minute), tamper)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	tests := []struct {
		name      string
		tls, ocsp [][]byte
		verdict   Verdict
		codes     []findings.Code
	}{
		{"TLS from two operators", [][]byte{sign(w.a1, false), sign(w.b1, false)}, nil, VerdictCompliant, nil},
		{"one TLS and one OCSP", [][]byte{sign(w.a1, false)}, [][]byte{sign(w.b1, false)}, VerdictCompliant, nil},
		{"OCSP only, one operator", nil, [][]byte{sign(w.a1, false), sign(w.a2, false)}, VerdictNotCompliant, []findings.Code{findings.CodeCTInvalid}},
		{"TLS with a tampered SCT", [][]byte{sign(w.a1, false), sign(w.b1, true)}, nil, VerdictNotCompliant, []findings.Code{findings.CodeCTInvalid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := w.input(leaf)
			in.TLSSCTs, in.OCSPSCTs = tt.tls, tt.ocsp
			res := Check(in)
			wantVerdict(t, res, tt.verdict, tt.codes...)
			for _, s := range res.SCTs {
				if s.Source == SourceEmbedded {
					t.Fatal("no embedded SCTs were minted")
				}
			}
		})
	}
}

// TestSCTsFromRealTLSServer reads SCTs from a Go TLS server's handshake on
// loopback, as the TLS probe captures them.
func TestSCTsFromRealTLSServer(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, nil)
	cert := leaf.TLS()
	for _, l := range []*ctlab.Log{w.a1, w.b1} {
		s, err := l.SignCert(leaf.Cert.Raw, time.Now().Add(-time.Minute), false)
		if err != nil {
			t.Fatal(err)
		}
		cert.SignedCertificateTimestamps = append(cert.SignedCertificateTimestamps, s)
	}
	st := faultlab.CaptureTLS(t, faultlab.ServeTLS(t, cert), "")
	res := Check(Input{Chain: st.PeerCertificates, TLSSCTs: st.SignedCertificateTimestamps, Logs: w.list, PublicRoots: w.root.Pool()})
	wantVerdict(t, res, VerdictCompliant)
	if len(res.SCTs) != 2 || res.SCTs[0].Source != SourceTLS {
		t.Fatalf("SCTs = %+v", res.SCTs)
	}
}

// TestUntrustedChainNeverReportsCT: CT applies only to public roots, so a
// chain from a private CA gets no code 4 even with bad SCTs, and the
// TLS probe's code 6 stays the only code.
func TestUntrustedChainNeverReportsCT(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf := w.issue(t, []ctlab.SCTSpec{{Log: w.a1, Tamper: true}})
	in := w.input(leaf)
	in.PublicRoots = newWorld(t).root.Pool()
	res := Check(in)
	wantVerdict(t, res, VerdictNotApplicable)
	find(t, res, IDNotApplicable)
	untrusted := findings.Finding{ID: "cert.untrusted-issuer", Code: findings.CodeUntrustedIssuer, Severity: findings.Critical, CertIndex: -1}
	all := append([]findings.Finding{untrusted}, res.Findings...)
	if got := findings.Codes(all); !reflect.DeepEqual(got, []findings.Code{findings.CodeUntrustedIssuer}) {
		t.Fatalf("codes = %v, want [6]", got)
	}
	// The bundled public roots do not include the test root either.
	in.PublicRoots = nil
	wantVerdict(t, Check(in), VerdictNotApplicable)
}

func TestLeafIssuedByRoot(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	leaf, err := ctlab.Issue(w.root, []string{"direct.test"}, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}})
	if err != nil {
		t.Fatal(err)
	}
	in := Input{Chain: leaf.Chain()[:1], Logs: w.list, PublicRoots: w.root.Pool()}
	wantVerdict(t, Check(in), VerdictCompliant)
}

func TestMalformedSCTs(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	in := w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}}))
	in.TLSSCTs = [][]byte{{0x00, 0x01}, nil}
	res := Check(in)
	wantVerdict(t, res, VerdictCompliant)
	find(t, res, IDMalformedSCT)
}

func TestEmptyInput(t *testing.T) {
	t.Parallel()
	if r := Check(Input{}); r.Verdict != VerdictUnknown || r.SCTs == nil {
		t.Fatalf("empty input = %+v", r)
	}
}

func TestDefaultLogList(t *testing.T) {
	t.Parallel()
	ll, err := DefaultLogList()
	if err != nil {
		t.Fatal(err)
	}
	logs := indexLogs(ll)
	if len(ll.Operators) != 10 || len(logs) != 69 {
		t.Fatalf("embedded list has %d operators and %d logs, want 10 and 69", len(ll.Operators), len(logs))
	}
	li, ok := logs["1219ENGn9XfCx+lf1wC/+YLJM1pl4dCzAXMXwMjFaXc="]
	if !ok || li.operator != "Google" || li.name != "Google 'Argon2026h2' log" || li.stateName() != "usable" {
		t.Fatalf("Argon2026h2 = %+v (found %v)", li, ok)
	}
	// Every key in the list must be usable for verification.
	for id, li := range logs {
		if _, err := li.pub(); err != nil {
			t.Fatalf("log %s: %v", id, err)
		}
	}
}

func TestLoadLogList(t *testing.T) {
	t.Parallel()
	w := newWorld(t)
	_, data, err := ctlab.LogList(w.a1, w.b1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "logs.json")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	ll, err := LoadLogList(path)
	if err != nil {
		t.Fatal(err)
	}
	in := w.input(w.issue(t, []ctlab.SCTSpec{{Log: w.a1}, {Log: w.b1}}))
	in.Logs = ll
	wantVerdict(t, Check(in), VerdictCompliant)
	// With the default list the test logs are unknown: no code 4.
	in.Logs = nil
	wantVerdict(t, Check(in), VerdictUnknown)

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("<html>"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadLogList(bad); err == nil {
		t.Fatal("LoadLogList accepted HTML")
	}
	if _, err := LoadLogList(filepath.Join(dir, "missing.json")); err == nil {
		t.Fatal("LoadLogList accepted a missing file")
	}
}
