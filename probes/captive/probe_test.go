package captive

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/portallab"
)

// direct is a client with no proxy, whatever the environment says.
func direct() *http.Client { return &http.Client{Transport: &http.Transport{}} }

func probe(t testing.TB, cfg Config, limit time.Duration) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	if cfg.Client == nil {
		cfg.Client = direct()
	}
	r := Probe(ctx, cfg)
	if r == nil {
		t.Fatal("Probe returned nil")
	}
	return r
}

func only(t *testing.T, r *Result, id string) findings.Finding {
	t.Helper()
	if len(r.Findings) != 1 || r.Findings[0].ID != id {
		t.Fatalf("findings = %+v, want only %s", r.Findings, id)
	}
	return r.Findings[0]
}

func TestEveryLabKind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind      portallab.Kind
		challenge bool
		state     string
		reason    string
		status    int
		landing   string // path and query on the lab server; "=" means the check URL
	}{
		{portallab.Online, false, StateOnline, ReasonNoContent, 204, ""},
		{portallab.Online, true, StateOnline, ReasonNoContent, 204, ""},
		{portallab.Empty200, false, StateOnline, ReasonNoContent, 200, ""},
		{portallab.Redirect, false, StatePortal, ReasonRedirect, 302, "/portal/login?orig=generate_204"},
		{portallab.Login, false, StatePortal, ReasonContent, 200, "/portal/login?from=check"},
		{portallab.ScriptLogin, false, StatePortal, ReasonContent, 200, "/portal/login?js=1"},
		{portallab.NetworkAuth, false, StatePortal, ReasonNetworkAuth, 511, "/portal/login"},
		{portallab.Fake204, false, StateOnline, ReasonNoContent, 204, ""}, // undetectable without a challenge
		{portallab.Fake204, true, StatePortal, ReasonFaked204, 204, "="},
		{portallab.Huge, false, StatePortal, ReasonContent, 200, "="},
		{portallab.FirefoxSuccess, false, StatePortal, ReasonContent, 200, "="}, // content where nothing belongs
		{portallab.ServerError, false, StateUnknown, ReasonUnexpected, 500, ""},
	}
	for _, tt := range tests {
		name := string(tt.kind)
		if tt.challenge {
			name += "+challenge"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := portallab.Start(t, tt.kind)
			r := probe(t, Config{URL: srv.URL, Challenge: tt.challenge}, 10*time.Second)
			if r.State != tt.state || r.StatusCode != tt.status || r.Checks[0].Reason != tt.reason {
				t.Fatalf("State %q status %d reason %q, want %q %d %q (err %q)",
					r.State, r.StatusCode, r.Checks[0].Reason, tt.state, tt.status, tt.reason, r.Err)
			}
			want := ""
			switch tt.landing {
			case "":
			case "=":
				want = srv.URL
			default:
				want = strings.TrimSuffix(srv.URL, "/generate_204") + tt.landing
			}
			if r.LandingURL != want {
				t.Fatalf("LandingURL = %q, want %q", r.LandingURL, want)
			}
			switch tt.state {
			case StateOnline:
				if len(r.Findings) != 0 {
					t.Fatalf("online with findings %+v", r.Findings)
				}
			case StatePortal:
				f := only(t, r, IDPortal)
				if f.Severity != findings.Warning || f.Code != findings.CodeNone ||
					f.Value(LabelURL) != srv.URL || f.Value(LabelLandingURL) != want || f.Value(LabelStatus) == "" {
					t.Fatalf("portal finding = %+v", f)
				}
			case StateUnknown:
				f := only(t, r, IDUnknown)
				if f.Severity != findings.Unknown || f.Value(LabelStatus) != "500" {
					t.Fatalf("unknown finding = %+v", f)
				}
			}
			hs := srv.Requests()
			if len(hs) != 1 {
				t.Fatalf("server saw %d requests, want 1 (redirects must not be followed)", len(hs))
			}
			if hs[0].Get("Cache-Control") != "no-cache" {
				t.Fatalf("Cache-Control = %q", hs[0].Get("Cache-Control"))
			}
			if got := hs[0].Get(ChallengeHeader) != ""; got != tt.challenge {
				t.Fatalf("challenge header sent = %v, want %v", got, tt.challenge)
			}
		})
	}
}

func TestHugeBodyIsCapped(t *testing.T) {
	t.Parallel()
	srv := portallab.Start(t, portallab.Huge)
	r := probe(t, Config{URL: srv.URL}, 10*time.Second)
	c := r.Checks[0]
	if !c.Truncated || c.BodyBytes != MaxBody {
		t.Fatalf("Truncated %v BodyBytes %d, want the body cut at %d", c.Truncated, c.BodyBytes, MaxBody)
	}
}

func TestHangingServerReturnsAtDeadline(t *testing.T) {
	t.Parallel()
	srv := portallab.Start(t, portallab.Hang)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r := Probe(ctx, Config{URL: srv.URL, Client: direct()})
	if ctx.Err() == nil {
		t.Fatal("Probe returned before the deadline although the server never answered")
	}
	if r.State != StateUnknown || !strings.Contains(r.Err, "deadline") {
		t.Fatalf("State %q Err %q, want unknown with a deadline error", r.State, r.Err)
	}
	f := only(t, r, IDUnknown)
	if f.Value(LabelError) == "" || f.Value(LabelURL) != srv.URL {
		t.Fatalf("unknown finding = %+v", f)
	}
}

func TestRefusedConnectionIsUnknown(t *testing.T) {
	t.Parallel()
	srv := portallab.New(portallab.Online)
	url := srv.URL
	srv.Close()
	r := probe(t, Config{URL: url}, 10*time.Second)
	if r.State != StateUnknown || r.Checks[0].Reason != ReasonNetworkFailure || !strings.Contains(r.Err, "refused") {
		t.Fatalf("State %q reason %q Err %q", r.State, r.Checks[0].Reason, r.Err)
	}
}

func TestCorroborationDecidesWhenPrimaryFails(t *testing.T) {
	t.Parallel()
	dead := portallab.New(portallab.Online)
	dead.Close()
	ff := portallab.Start(t, portallab.FirefoxSuccess)
	login := portallab.Start(t, portallab.Login)

	r := probe(t, Config{URL: dead.URL, Corroborate: []Check{{URL: ff.URL, Body: "success\n"}}}, 10*time.Second)
	if r.State != StateOnline || r.URL != ff.URL || r.Checks[1].Reason != ReasonExpectedBody || len(r.Checks) != 2 {
		t.Fatalf("State %q URL %q checks %+v", r.State, r.URL, r.Checks)
	}

	r = probe(t, Config{URL: dead.URL, Corroborate: []Check{{URL: login.URL, Body: "success\n"}}}, 10*time.Second)
	if r.State != StatePortal || r.Checks[1].Reason != ReasonWrongBody {
		t.Fatalf("State %q checks %+v", r.State, r.Checks)
	}
	only(t, r, IDPortal)
}

func TestPrimaryDecidesWhenConclusive(t *testing.T) {
	t.Parallel()
	online := portallab.Start(t, portallab.Online)
	login := portallab.Start(t, portallab.Login)
	r := probe(t, Config{URL: online.URL, Corroborate: []Check{{URL: login.URL, Body: "success"}}}, 10*time.Second)
	if r.State != StateOnline || len(r.Checks) != 2 || r.Checks[1].State != StatePortal {
		t.Fatalf("State %q checks %+v", r.State, r.Checks)
	}
}

func TestCallerClientIsNotChanged(t *testing.T) {
	t.Parallel()
	srv := portallab.Start(t, portallab.Redirect)
	c := direct()
	r := probe(t, Config{URL: srv.URL, Client: c}, 10*time.Second)
	if r.State != StatePortal {
		t.Fatalf("State %q", r.State)
	}
	if c.CheckRedirect != nil {
		t.Fatal("Probe changed the caller's client")
	}
}

func TestDefaultURL(t *testing.T) {
	if (&Config{}).url() != DefaultURL {
		t.Fatal("empty URL must mean DefaultURL")
	}
}

func TestStatusClassification(t *testing.T) {
	// Statuses the lab has no kind for, served by a plain loopback server.
	t.Parallel()
	for status, want := range map[int]string{301: StatePortal, 307: StatePortal, 404: StateUnknown, 403: StateUnknown} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if status/100 == 3 {
				w.Header().Set("Location", "https://login.example.test/welcome")
			}
			w.WriteHeader(status)
		}))
		r := probe(t, Config{URL: srv.URL}, 10*time.Second)
		srv.Close()
		if r.State != want {
			t.Errorf("status %d: State %q, want %q", status, r.State, want)
		}
		if want == StatePortal && r.LandingURL != "https://login.example.test/welcome" {
			t.Errorf("status %d: LandingURL %q", status, r.LandingURL)
		}
	}
}

func BenchmarkCaptiveProbe(b *testing.B) {
	srv := portallab.Start(b, portallab.Online)
	cfg := Config{URL: srv.URL, Client: direct(), Challenge: true}
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r := Probe(ctx, cfg)
		cancel()
		if r.State != StateOnline {
			b.Fatalf("State %q: %s", r.State, r.Err)
		}
	}
}
