package revocation

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ocsplab"
	"github.com/certwiz/certwiz/internal/faultlab/pki"
	"golang.org/x/crypto/ocsp"
)

// TestSilentResponderEndsAtDeadline: a responder that accepts and never
// answers must not hold the check past its context; the result is
// "could not check".
func TestSilentResponderEndsAtDeadline(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	silent := ocsplab.ServeSilent(t)
	leaf := l.leaf(t, pki.OCSPServer(silent))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	done := make(chan *Result, 1)
	go func() { done <- Check(ctx, l.input(leaf)) }()
	var res *Result
	select {
	case res = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Check did not return after its context ended")
	}
	wantStatus(t, res, StatusUnknown, SourceOCSP)
	if f := find(t, res, IDOCSPUnreachable); f.Severity != findings.Unknown {
		t.Fatalf("finding = %+v", f)
	}
}

func TestFetchTimeoutBoundsEachFetch(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t, pki.OCSPServer(ocsplab.ServeSilent(t)))
	in := l.input(leaf)
	in.FetchTimeout = 200 * time.Millisecond
	res := check(t, in) // the context allows 20 s; the fetch timeout must end it
	find(t, res, IDOCSPUnreachable)
}

func TestResultJSONShape(t *testing.T) {
	t.Parallel()
	l := newLab(t)
	leaf := l.leaf(t)
	in := l.input(leaf)
	in.Staple = staple(t, l.inter, nil, leaf.Cert, ocsp.Response{Status: ocsp.Revoked, RevokedAt: time.Now().Add(-time.Hour), RevocationReason: ocsp.KeyCompromise, NextUpdate: time.Now().Add(time.Hour)})
	data, err := json.Marshal(check(t, in))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"status", "source", "reason", "this_update", "next_update", "revoked_at", "revocation_reason"} {
		if _, ok := m[k]; !ok {
			t.Fatalf("JSON lacks %q: %s", k, data)
		}
	}
	if m["status"] != "revoked" || m["source"] != "stapled-ocsp" || m["revocation_reason"] != "keyCompromise" {
		t.Fatalf("JSON = %s", data)
	}
	if strings.Contains(string(data), "Findings") || strings.Contains(string(data), "OCSPSCTs") {
		t.Fatalf("internal fields leaked into JSON: %s", data)
	}
}
