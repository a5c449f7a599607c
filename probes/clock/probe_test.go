package clock

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/internal/faultlab/ntplab"
)

// slack absorbs scheduling noise under -race on two cores.
const slack = 3 * time.Second

func near(got, want time.Duration) bool {
	d := got - want
	return d > -slack && d < slack
}

func probe(t *testing.T, cfg Config) *Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	r := Probe(ctx, cfg)
	if r == nil {
		t.Fatal("Probe returned nil")
	}
	return r
}

func finding(r *Result, id string) (findings.Finding, bool) {
	for _, f := range r.Findings {
		if f.ID == id {
			return f, true
		}
	}
	return findings.Finding{}, false
}

func TestNTPVerdicts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		offset  time.Duration
		verdict string
	}{
		{"server two hours ahead: local clock behind", 2 * time.Hour, VerdictBehind},
		{"server in step: ok", 0, VerdictOK},
		{"server thirty minutes behind: local clock ahead", -30 * time.Minute, VerdictAhead},
		{"four minutes is inside Chromium's tolerance", 4 * time.Minute, VerdictOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := ntplab.Start(t, tt.offset)
			r := probe(t, Config{Servers: []string{srv.Addr}})
			if r.Source != SourceNTP {
				t.Fatalf("Source = %q, want ntp; servers %+v", r.Source, r.Servers)
			}
			if !near(r.Offset, tt.offset) {
				t.Fatalf("Offset = %v, want %v", r.Offset, tt.offset)
			}
			if r.Verdict != tt.verdict {
				t.Fatalf("Verdict = %q, want %q", r.Verdict, tt.verdict)
			}
			if r.Uncertainty <= 0 || r.Uncertainty > time.Second {
				t.Fatalf("Uncertainty = %v, want a small positive bound", r.Uncertainty)
			}
			if len(r.Servers) != 1 || r.Servers[0].Err != "" || r.Servers[0].Stratum != 8 {
				t.Fatalf("Servers = %+v", r.Servers)
			}
			f, skewed := finding(r, IDSkewed)
			if skewed != (tt.verdict != VerdictOK) {
				t.Fatalf("skewed finding present = %v for verdict %s: %+v", skewed, tt.verdict, r.Findings)
			}
			if skewed {
				if f.Severity != findings.Warning || f.Code != findings.CodeNone {
					t.Fatalf("finding %+v: want Warning with no code", f)
				}
				if f.Value(LabelSource) != SourceNTP || f.Value(LabelServers) != srv.Addr || f.Value(LabelOffset) == "" ||
					f.Value(LabelReferenceTime) == "" || f.Value(LabelLocalTime) == "" {
					t.Fatalf("evidence incomplete: %+v", f.Evidence)
				}
			}
			ref, ok := r.ReferenceNow(r.LocalTime)
			if !ok || !ref.Equal(r.ReferenceTime) {
				t.Fatalf("ReferenceNow = %v, %v; ReferenceTime %v", ref, ok, r.ReferenceTime)
			}
		})
	}
}

func TestTwoDisagreeingServersAreNotAveraged(t *testing.T) {
	t.Parallel()
	a := ntplab.Start(t, time.Hour)
	b := ntplab.Start(t, 3*time.Hour)
	dead := ntplab.DeadAddr(t)
	r := probe(t, Config{Servers: []string{a.Addr, dead, b.Addr}})
	if r.Source != SourceNone || r.Verdict != VerdictUnknown || r.Offset != 0 {
		t.Fatalf("Source %q Verdict %q Offset %v, want none/unknown/0 (never the 2h mean); servers %+v",
			r.Source, r.Verdict, r.Offset, r.Servers)
	}
	f, ok := finding(r, IDSourcesDisagree)
	if !ok || f.Severity != findings.Unknown ||
		!strings.Contains(f.Value(LabelServers), a.Addr) || !strings.Contains(f.Value(LabelServers), b.Addr) {
		t.Fatalf("disagree finding = %+v, %v; want both servers named", f, ok)
	}
	if r.Servers[1].Server != dead || r.Servers[1].Err == "" {
		t.Fatalf("dead server result = %+v, want an error", r.Servers[1])
	}
	if r.Servers[0].Rejected != RejectDisagree || r.Servers[2].Rejected != RejectDisagree {
		t.Fatalf("live servers not marked as disagreeing: %+v", r.Servers)
	}
	if _, ok := finding(r, IDNTPBlocked); ok {
		t.Fatal("ntp-blocked reported although NTP answered")
	}
	if _, ok := finding(r, IDSkewed); ok {
		t.Fatal("skewed reported from disagreeing sources")
	}
}

func TestMajorityOutvotesOneWrongServer(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name          string
		good1, good2  time.Duration
		liar          time.Duration
		verdict       string
		wantOffsetFor time.Duration
	}{
		{"liar ten hours ahead, clock right", 0, ntplab.MinOffset, 10 * time.Hour, VerdictOK, 0},
		{"liar in step, clock really two hours behind", 2 * time.Hour, 2*time.Hour + 300*time.Millisecond, 0, VerdictBehind, 2 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			good1 := ntplab.Start(t, tt.good1)
			good2 := ntplab.Start(t, tt.good2)
			liar := ntplab.Start(t, tt.liar)
			r := probe(t, Config{Servers: []string{liar.Addr, good1.Addr, good2.Addr}})
			if r.Source != SourceNTP || r.Verdict != tt.verdict || !near(r.Offset, tt.wantOffsetFor) {
				t.Fatalf("Source %q Verdict %q Offset %v, want ntp %q near %v; servers %+v",
					r.Source, r.Verdict, r.Offset, tt.verdict, tt.wantOffsetFor, r.Servers)
			}
			if r.Uncertainty > 2*time.Second {
				t.Fatalf("Uncertainty %v: the outlier widened the bound", r.Uncertainty)
			}
			if r.Servers[0].Rejected != RejectOutlier || r.Servers[1].Rejected != "" || r.Servers[2].Rejected != "" {
				t.Fatalf("Rejected marks wrong: %+v", r.Servers)
			}
			f, ok := finding(r, IDOutlier)
			if !ok || f.Value(LabelServer) != liar.Addr || f.Severity != findings.Info ||
				!strings.Contains(f.Value(LabelServers), good1.Addr) || f.Value(LabelDecidedBy) != "" {
				t.Fatalf("outlier finding = %+v, %v", f, ok)
			}
			if sk, ok := finding(r, IDSkewed); ok && strings.Contains(sk.Value(LabelServers), liar.Addr) {
				t.Fatalf("skewed finding credits the outlier: %+v", sk)
			}
		})
	}
}

func TestAllServersAgree(t *testing.T) {
	t.Parallel()
	var addrs []string
	for _, off := range []time.Duration{2 * time.Hour, 2*time.Hour + 300*time.Millisecond, 2*time.Hour - 300*time.Millisecond} {
		addrs = append(addrs, ntplab.Start(t, off).Addr)
	}
	r := probe(t, Config{Servers: addrs})
	if r.Source != SourceNTP || r.Verdict != VerdictBehind || !near(r.Offset, 2*time.Hour) {
		t.Fatalf("Source %q Verdict %q Offset %v", r.Source, r.Verdict, r.Offset)
	}
	for _, s := range r.Servers {
		if s.Err != "" || s.Rejected != "" {
			t.Fatalf("server not used: %+v", s)
		}
	}
	for _, id := range []string{IDOutlier, IDSourcesDisagree, IDSourceRejected} {
		if _, ok := finding(r, id); ok {
			t.Fatalf("%s reported although all agree: %+v", id, r.Findings)
		}
	}
	sk, ok := finding(r, IDSkewed)
	if !ok || strings.Count(sk.Value(LabelServers), "127.0.0.1") != 3 {
		t.Fatalf("skewed finding = %+v, %v; want all three servers named", sk, ok)
	}
}

// TestHTTPSDateBreaksTie: one server three hours off and one correct
// server; the targets' Date headers side with one of them.
func TestHTTPSDateBreaksTie(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		dateSkew time.Duration
		source   string
		verdict  string
		offset   time.Duration
		outlier  int // index in Servers of the server set aside; -1: none
	}{
		{"Date agrees with the correct server", 0, SourceNTP, VerdictOK, 0, 0},
		{"Date agrees with the server three hours ahead", 3 * time.Hour, SourceNTP, VerdictBehind, 3 * time.Hour, 1},
		{"Date agrees with neither", 10 * time.Hour, SourceNone, VerdictUnknown, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			off := ntplab.Start(t, 3*time.Hour)
			right := ntplab.Start(t, 0)
			d := dateServer(t, tt.dateSkew)
			r := probe(t, Config{Servers: []string{off.Addr, right.Addr}, DateURLs: []string{d.URL}, Client: plainClient()})
			if r.Source != tt.source || r.Verdict != tt.verdict || !near(r.Offset, tt.offset) {
				t.Fatalf("Source %q Verdict %q Offset %v, want %q %q %v; servers %+v dates %+v",
					r.Source, r.Verdict, r.Offset, tt.source, tt.verdict, tt.offset, r.Servers, r.Dates)
			}
			if len(r.Dates) != 1 || r.Dates[0].Err != "" {
				t.Fatalf("Dates = %+v: the tie-break must query the Date URL", r.Dates)
			}
			if tt.outlier < 0 {
				f, ok := finding(r, IDSourcesDisagree)
				if !ok || !strings.Contains(f.Value(LabelServers), off.Addr) || !strings.Contains(f.Value(LabelServers), right.Addr) {
					t.Fatalf("disagree finding = %+v, %v", f, ok)
				}
				if r.TieBreak {
					t.Fatal("TieBreak set although the Date matched neither")
				}
				return
			}
			if !r.TieBreak {
				t.Fatal("TieBreak not set")
			}
			loser := r.Servers[tt.outlier]
			if loser.Rejected != RejectOutlier || r.Servers[1-tt.outlier].Rejected != "" {
				t.Fatalf("Rejected marks wrong: %+v", r.Servers)
			}
			f, ok := finding(r, IDOutlier)
			if !ok || f.Value(LabelServer) != loser.Server || f.Value(LabelDecidedBy) != SourceHTTPSDate {
				t.Fatalf("outlier finding = %+v, %v", f, ok)
			}
		})
	}
}

func TestImpossibleAnswerIsRejected(t *testing.T) {
	t.Parallel()
	past := ntplab.Start(t, -30*365*24*time.Hour)
	t.Run("alone", func(t *testing.T) {
		r := probe(t, Config{Servers: []string{past.Addr}})
		if r.Source != SourceNone || r.Verdict != VerdictUnknown || r.Offset != 0 {
			t.Fatalf("Source %q Verdict %q Offset %v: a server 30 years in the past was believed", r.Source, r.Verdict, r.Offset)
		}
		if r.Servers[0].Err != "" || r.Servers[0].Rejected != RejectBeforeBuild {
			t.Fatalf("server = %+v, want a valid answer rejected as before-build", r.Servers[0])
		}
		f, ok := finding(r, IDSourceRejected)
		if !ok || f.Value(LabelServer) != past.Addr || f.Value(LabelReason) != RejectBeforeBuild ||
			!strings.HasPrefix(f.Value(LabelAnswer), "199") {
			t.Fatalf("rejected finding = %+v, %v", f, ok)
		}
		if _, ok := finding(r, IDUnknown); !ok {
			t.Fatalf("no clock.unknown: %+v", r.Findings)
		}
	})
	t.Run("with a known build time the bound still judges", func(t *testing.T) {
		r := probe(t, Config{Servers: []string{past.Addr}, BuildTime: time.Now().Add(-2 * 365 * 24 * time.Hour)})
		if r.Source != SourceBuildTime || r.Verdict != VerdictAhead || r.Servers[0].Rejected != RejectBeforeBuild {
			t.Fatalf("Source %q Verdict %q servers %+v", r.Source, r.Verdict, r.Servers)
		}
	})
	t.Run("next to a correct server", func(t *testing.T) {
		right := ntplab.Start(t, 0)
		r := probe(t, Config{Servers: []string{past.Addr, right.Addr}})
		if r.Source != SourceNTP || r.Verdict != VerdictOK || !near(r.Offset, 0) {
			t.Fatalf("Source %q Verdict %q Offset %v servers %+v findings %+v", r.Source, r.Verdict, r.Offset, r.Servers, r.Findings)
		}
		if _, ok := finding(r, IDSourcesDisagree); ok {
			t.Fatal("a rejected answer took part in the vote")
		}
	})
	t.Run("a server 25 years ahead is rejected too", func(t *testing.T) {
		future := ntplab.Start(t, 25*365*24*time.Hour)
		r := probe(t, Config{Servers: []string{future.Addr}, BuildTime: time.Now().Add(-24 * time.Hour)})
		if r.Servers[0].Rejected != RejectFarFuture || r.Verdict != VerdictUnknown || r.Source != SourceBuildTime {
			t.Fatalf("Source %q Verdict %q servers %+v", r.Source, r.Verdict, r.Servers)
		}
		if f, ok := finding(r, IDSourceRejected); !ok || f.Value(LabelServer) != future.Addr || f.Value(LabelReason) != RejectFarFuture {
			t.Fatalf("rejected finding = %+v, %v", f, ok)
		}
	})
	t.Run("HTTPS Date takes over, NTP not called blocked", func(t *testing.T) {
		d := dateServer(t, 0)
		r := probe(t, Config{Servers: []string{past.Addr}, DateURLs: []string{d.URL}, Client: plainClient()})
		if r.Source != SourceHTTPSDate || r.Verdict != VerdictOK {
			t.Fatalf("Source %q Verdict %q", r.Source, r.Verdict)
		}
		if _, ok := finding(r, IDNTPBlocked); ok {
			t.Fatal("ntp-blocked reported although the server answered")
		}
	})
}

func TestLocalClockOverride(t *testing.T) {
	t.Parallel()
	srv := ntplab.Start(t, 0)
	r := probe(t, Config{
		Servers: []string{srv.Addr},
		Now:     func() time.Time { return time.Now().Add(-3 * time.Hour) },
	})
	if !near(r.Offset, 3*time.Hour) || r.Verdict != VerdictBehind {
		t.Fatalf("Offset %v Verdict %q, want +3h behind", r.Offset, r.Verdict)
	}
}

// dateServer is a loopback HTTPS server whose Date header reads the real
// time plus skew. Its certificate is self-signed: not trusted by anyone.
func dateServer(t *testing.T, skew time.Duration) *httptest.Server {
	t.Helper()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", time.Now().Add(skew).UTC().Format(http.TimeFormat))
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// plainClient has no proxy and the system roots: it would refuse the
// test servers' certificates for anything but reading the Date.
func plainClient() *http.Client { return &http.Client{Transport: &http.Transport{}} }

func TestHTTPSDateFallbackWhenNTPBlocked(t *testing.T) {
	t.Parallel()
	a := dateServer(t, 2*time.Hour)
	b := dateServer(t, 2*time.Hour+time.Second)
	c := dateServer(t, 2*time.Hour-time.Second)
	dead := ntplab.DeadAddr(t)
	r := probe(t, Config{Servers: []string{dead}, DateURLs: []string{a.URL, b.URL, c.URL}, Client: plainClient()})
	if r.Source != SourceHTTPSDate {
		t.Fatalf("Source = %q; dates %+v servers %+v", r.Source, r.Dates, r.Servers)
	}
	if !near(r.Offset, 2*time.Hour) {
		t.Fatalf("Offset = %v, want about 2h", r.Offset)
	}
	if r.Uncertainty < time.Second {
		t.Fatalf("Uncertainty = %v, want at least the header's 1 s resolution", r.Uncertainty)
	}
	if r.Verdict != VerdictBehind {
		t.Fatalf("Verdict = %q", r.Verdict)
	}
	f, ok := finding(r, IDNTPBlocked)
	if !ok || f.Severity != findings.Info || !strings.Contains(f.Value(LabelServers), dead) {
		t.Fatalf("ntp-blocked finding = %+v, %v", f, ok)
	}
	sk, ok := finding(r, IDSkewed)
	if !ok || sk.Value(LabelSource) != SourceHTTPSDate || !strings.Contains(sk.Value(LabelServers), a.URL) {
		t.Fatalf("skewed finding = %+v, %v", sk, ok)
	}
	if _, ok := r.ReferenceNow(time.Now()); !ok {
		t.Fatal("ReferenceNow not available for https-date")
	}
}

func TestHTTPSDateNotFetchedWhenNTPAnswers(t *testing.T) {
	t.Parallel()
	srv := ntplab.Start(t, 0)
	d := dateServer(t, 5*time.Hour)
	r := probe(t, Config{Servers: []string{srv.Addr}, DateURLs: []string{d.URL}, Client: plainClient()})
	if r.Source != SourceNTP || r.Verdict != VerdictOK || len(r.Dates) != 0 {
		t.Fatalf("Source %q Verdict %q Dates %+v: NTP must win", r.Source, r.Verdict, r.Dates)
	}
}

func TestMissingDateHeaderIsAnError(t *testing.T) {
	t.Parallel()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Date"] = nil // suppress the automatic header
	}))
	t.Cleanup(srv.Close)
	r := probe(t, Config{Servers: []string{ntplab.DeadAddr(t)}, DateURLs: []string{srv.URL}, Client: plainClient()})
	if r.Source != SourceNone || r.Verdict != VerdictUnknown {
		t.Fatalf("Source %q Verdict %q", r.Source, r.Verdict)
	}
	if len(r.Dates) != 1 || !strings.Contains(r.Dates[0].Err, "no Date header") {
		t.Fatalf("Dates = %+v", r.Dates)
	}
}

func TestBuildTimeBound(t *testing.T) {
	t.Parallel()
	now := time.Now()
	tests := []struct {
		name    string
		build   time.Time
		source  string
		verdict string
		finding string
	}{
		{"clock earlier than the build", now.Add(10 * 24 * time.Hour), SourceBuildTime, VerdictBehind, IDSkewed},
		{"clock two years past the build", now.Add(-2 * 365 * 24 * time.Hour), SourceBuildTime, VerdictAhead, IDSkewed},
		{"inside the window proves nothing", now.Add(-30 * 24 * time.Hour), SourceBuildTime, VerdictUnknown, IDUnknown},
		{"no build time, no source", time.Time{}, SourceNone, VerdictUnknown, IDUnknown},
	}
	dead := ntplab.DeadAddr(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := probe(t, Config{Servers: []string{dead}, BuildTime: tt.build})
			if r.Source != tt.source || r.Verdict != tt.verdict || r.Offset != 0 {
				t.Fatalf("Source %q Verdict %q Offset %v, want %q %q 0", r.Source, r.Verdict, r.Offset, tt.source, tt.verdict)
			}
			f, ok := finding(r, tt.finding)
			if !ok || len(r.Findings) != 1 {
				t.Fatalf("findings %+v, want only %s", r.Findings, tt.finding)
			}
			if tt.finding == IDUnknown {
				if f.Severity != findings.Unknown || !strings.Contains(f.Value(LabelTried), dead) || f.Value(LabelError) == "" {
					t.Fatalf("unknown finding = %+v", f)
				}
			} else if f.Value(LabelBuildTime) == "" {
				t.Fatalf("skewed finding lacks the build time: %+v", f)
			}
			if _, ok := r.ReferenceNow(now); ok {
				t.Fatal("ReferenceNow must be unavailable without a network reference")
			}
		})
	}
}

// silentUDP is a UDP socket that reads and never answers.
func silentUDP(t *testing.T) string {
	t.Helper()
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { pc.Close() })
	go func() {
		buf := make([]byte, 512)
		for {
			if _, _, err := pc.ReadFrom(buf); err != nil {
				return
			}
		}
	}()
	return pc.LocalAddr().String()
}

func TestProbeReturnsWhenContextEnds(t *testing.T) {
	t.Parallel()
	quit := make(chan struct{})
	hang := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-quit:
		}
	}))
	t.Cleanup(func() { close(quit); hang.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	r := Probe(ctx, Config{Servers: []string{silentUDP(t)}, DateURLs: []string{hang.URL}, Client: plainClient()})
	if ctx.Err() == nil {
		t.Fatal("Probe returned before its context ended although nothing answered")
	}
	if r.Source != SourceNone || r.Verdict != VerdictUnknown {
		t.Fatalf("Source %q Verdict %q", r.Source, r.Verdict)
	}
	if !strings.Contains(r.Servers[0].Err, "deadline") && !strings.Contains(r.Servers[0].Err, "timeout") {
		t.Fatalf("server error = %q, want a deadline", r.Servers[0].Err)
	}
	if len(r.Dates) != 1 || r.Dates[0].Err == "" {
		t.Fatalf("Dates = %+v", r.Dates)
	}
}

func TestDefaultServersUsedWhenNoneGiven(t *testing.T) {
	c := Config{}
	if got := c.servers(); len(got) != len(DefaultServers) || got[0] != DefaultServers[0] {
		t.Fatalf("servers() = %v", got)
	}
}

func BenchmarkClockProbe(b *testing.B) {
	srv := ntplab.Start(b, 0)
	cfg := Config{Servers: []string{srv.Addr}}
	for b.Loop() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		r := Probe(ctx, cfg)
		cancel()
		if r.Source != SourceNTP {
			b.Fatalf("Source = %q: %+v", r.Source, r.Servers)
		}
	}
}

// TestSilentTimeServersDoNotHoldTheVerdict: UDP 123 silently dropped (an
// office firewall) while the targets' HTTPS Date answers. The verdict is
// the HTTPS Date's, given within DateGrace of it, not after NTPWait; a
// time server that did answer in time is still used. The bound is a
// correctness one (it does not wait for silence), not a speed target.
func TestSilentTimeServersDoNotHoldTheVerdict(t *testing.T) {
	t.Parallel()
	d := dateServer(t, time.Hour)
	for name, servers := range map[string][]string{
		"one silent":   {silentUDP(t)},
		"three silent": {silentUDP(t), silentUDP(t), silentUDP(t)},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			start := time.Now()
			r := probe(t, Config{Servers: servers, DateURLs: []string{d.URL}, Client: plainClient()})
			if took := time.Since(start); took >= NTPWait {
				t.Fatalf("took %v: waited for the silent servers' whole NTPWait (%v)", took, NTPWait)
			}
			if r.Source != SourceHTTPSDate || !near(r.Offset, time.Hour) {
				t.Fatalf("source %q offset %v, want https-date about 1h", r.Source, r.Offset)
			}
			for _, s := range r.Servers {
				if s.Err == "" {
					t.Errorf("silent server %s has no error", s.Server)
				}
			}
		})
	}
	// A server that answers is still preferred to the HTTPS Date.
	live := ntplab.Start(t, 0)
	r := probe(t, Config{Servers: []string{live.Addr, silentUDP(t)}, DateURLs: []string{d.URL}, Client: plainClient()})
	if r.Source != SourceNTP || !near(r.Offset, 0) {
		t.Fatalf("with one live server: source %q offset %v, want ntp about 0", r.Source, r.Offset)
	}
}
