package findings

import (
	"reflect"
	"testing"
)

func crit(id string, c Code) Finding {
	return Finding{ID: id, Code: c, Severity: Critical, CertIndex: -1}
}

func TestCodesFollowChromiumPriority(t *testing.T) {
	tests := []struct {
		name string
		in   []Finding
		want []Code
	}{
		{"expired from untrusted CA is untrusted first", []Finding{crit("cert.expired", CodeDateInvalid), crit("cert.untrusted-issuer", CodeUntrustedIssuer)}, []Code{CodeUntrustedIssuer, CodeDateInvalid}},
		{"revoked outranks untrusted", []Finding{crit("cert.untrusted-issuer", CodeUntrustedIssuer), crit("ocsp.revoked", CodeRevoked)}, []Code{CodeRevoked, CodeUntrustedIssuer}},
		{"purpose outranks everything", []Finding{crit("cert.name-mismatch", CodeNameMismatch), crit("cert.bad-purpose", CodeBadPurpose), crit("ocsp.revoked", CodeRevoked)}, []Code{CodeBadPurpose, CodeRevoked, CodeNameMismatch}},
		{"name outranks CT, CT outranks dates", []Finding{crit("cert.expired", CodeDateInvalid), crit("ct.too-few-scts", CodeCTInvalid), crit("cert.name-mismatch", CodeNameMismatch)}, []Code{CodeNameMismatch, CodeCTInvalid, CodeDateInvalid}},
		{"weak signature above dates", []Finding{crit("cert.expired", CodeDateInvalid), crit("cert.weak-signature", CodeOther)}, []Code{CodeOther, CodeDateInvalid}},
		{"minor other below dates", []Finding{crit("cert.validity-too-long", CodeOther), crit("cert.expired", CodeDateInvalid)}, []Code{CodeDateInvalid, CodeOther}},
		{"OCSP error is the lowest", []Finding{crit("ocsp.bad-response", CodeOCSPError), crit("cert.validity-too-long", CodeOther)}, []Code{CodeOther, CodeOCSPError}},
		{"duplicates collapse", []Finding{crit("cert.expired", CodeDateInvalid), crit("cert.not-yet-valid", CodeDateInvalid)}, []Code{CodeDateInvalid}},
		{"warnings and info do not count", []Finding{{ID: "clock.skewed", Severity: Warning}, {ID: "interception.product", Code: CodeUntrustedIssuer, Severity: Info}}, nil},
		{"could-not-check counts", []Finding{{ID: "ocsp.unreachable", Code: CodeOCSPError, Severity: Unknown}}, []Code{CodeOCSPError}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Codes(tt.in); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Codes = %v, want %v", got, tt.want)
			}
			want := CodeNone
			if len(tt.want) > 0 {
				want = tt.want[0]
			}
			if got := Primary(tt.in); got != want {
				t.Fatalf("Primary = %v, want %v", got, want)
			}
		})
	}
}

func TestSortPutsCriticalBeforeUnknownOfSameCode(t *testing.T) {
	fs := []Finding{
		{ID: "ocsp.unreachable", Code: CodeOCSPError, Severity: Unknown},
		{ID: "clock.skewed", Severity: Warning},
		{ID: "ocsp.bad-response", Code: CodeOCSPError, Severity: Critical},
	}
	Sort(fs)
	got := []string{fs[0].ID, fs[1].ID, fs[2].ID}
	want := []string{"ocsp.bad-response", "ocsp.unreachable", "clock.skewed"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("order = %v, want %v", got, want)
	}
}

func TestCodesDoesNotReorderInput(t *testing.T) {
	fs := []Finding{crit("cert.expired", CodeDateInvalid), crit("cert.bad-purpose", CodeBadPurpose)}
	Codes(fs)
	if fs[0].ID != "cert.expired" {
		t.Fatal("Codes sorted its argument in place")
	}
}

func TestMostSerious(t *testing.T) {
	if got := MostSerious(CodeDateInvalid, CodeNone, CodeUntrustedIssuer); got != CodeUntrustedIssuer {
		t.Fatalf("MostSerious = %v", got)
	}
	if got := MostSerious(); got != CodeNone {
		t.Fatalf("MostSerious() = %v", got)
	}
}

func TestParseCode(t *testing.T) {
	for _, s := range []string{"1", "2", "3", "4", "5", "6", "7", "100"} {
		c, err := ParseCode(s)
		if err != nil || c.String() == "" {
			t.Fatalf("ParseCode(%q) = %v, %v", s, c, err)
		}
	}
	for _, s := range []string{"", "0", "8", "99", "101", "06", "6a", "-1", " 6"} {
		if _, err := ParseCode(s); err == nil {
			t.Fatalf("ParseCode(%q) accepted", s)
		}
	}
}

func TestWithDoesNotAlias(t *testing.T) {
	base := Finding{ID: "x", Evidence: make([]Evidence, 1, 4)}
	a := base.With("a", "1")
	b := base.With("b", "2")
	if a.Value("a") != "1" || b.Value("a") != "" || b.Value("b") != "2" {
		t.Fatalf("With aliases evidence: a=%v b=%v", a.Evidence, b.Evidence)
	}
}

func TestHandshakeBlockingRanksFirst(t *testing.T) {
	for _, id := range []string{"tls.old-version", "tls.weak-cipher", "tls.weak-dh", "cert.unreadable"} {
		in := []Finding{
			crit("ct.too-few-scts", CodeCTInvalid), crit("cert.bad-purpose", CodeBadPurpose),
			crit("cert.untrusted-issuer", CodeUntrustedIssuer), crit(id, CodeOther), crit("cert.expired", CodeDateInvalid),
		}
		Sort(in)
		if in[0].ID != id || !HandshakeBlocking(in[0]) {
			t.Fatalf("%s: sorted %v", id, in)
		}
		if got := Codes(in); !reflect.DeepEqual(got, []Code{CodeOther, CodeBadPurpose, CodeUntrustedIssuer, CodeCTInvalid, CodeDateInvalid}) {
			t.Fatalf("%s: codes %v", id, got)
		}
	}
	// An ordinary code-100 finding keeps its place below 6.
	if got := Codes([]Finding{crit("cert.weak-signature", CodeOther), crit("cert.untrusted-issuer", CodeUntrustedIssuer)}); got[0] != CodeUntrustedIssuer {
		t.Fatalf("weak signature outranked 6: %v", got)
	}
}
