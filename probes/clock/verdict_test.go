package clock

import (
	"runtime/debug"
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []estimate
		want estimate
	}{
		{"one", []estimate{{time.Hour, time.Second}}, estimate{time.Hour, time.Second}},
		{"odd picks the middle", []estimate{{10 * time.Hour, 1}, {0, 2}, {time.Minute, 3}}, estimate{time.Minute, 3}},
		{"even averages and widens", []estimate{{3 * time.Hour, time.Second}, {time.Hour, 2 * time.Second}},
			estimate{2 * time.Hour, time.Hour + 2*time.Second}},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("%s: median = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

func TestOffsetVerdictFollowsChromium(t *testing.T) {
	tests := []struct {
		offset, unc time.Duration
		want        string
	}{
		{0, 0, VerdictOK},
		{5 * time.Minute, 0, VerdictOK},
		{5*time.Minute + time.Second, 0, VerdictBehind},
		{-5*time.Minute - time.Second, 0, VerdictAhead},
		{10 * time.Minute, 6 * time.Minute, VerdictOK}, // uncertainty widens the margin
		{-2 * time.Hour, time.Second, VerdictAhead},
	}
	for _, tt := range tests {
		if got := offsetVerdict(tt.offset, tt.unc); got != tt.want {
			t.Errorf("offsetVerdict(%v, %v) = %s, want %s", tt.offset, tt.unc, got, tt.want)
		}
	}
}

func TestBuildVerdictEdges(t *testing.T) {
	build := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		local time.Time
		want  string
	}{
		{build.Add(-BuildSlackBehind - time.Second), VerdictBehind},
		{build.Add(-BuildSlackBehind), VerdictUnknown},
		{build.Add(BuildSlackAhead), VerdictUnknown},
		{build.Add(BuildSlackAhead + time.Second), VerdictAhead},
	}
	for _, tt := range tests {
		if got := buildVerdict(tt.local, build); got != tt.want {
			t.Errorf("buildVerdict(%v) = %s, want %s", tt.local, got, tt.want)
		}
	}
}

func TestBuildTimeFromSettings(t *testing.T) {
	want := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	got := buildTimeFrom([]debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.time", Value: "2026-01-02T03:04:05Z"}})
	if !got.Equal(want) {
		t.Fatalf("buildTimeFrom = %v", got)
	}
	if !buildTimeFrom([]debug.BuildSetting{{Key: "vcs.time", Value: "garbage"}}).IsZero() {
		t.Fatal("unparsable vcs.time must give zero")
	}
	if !buildTimeFrom(nil).IsZero() {
		t.Fatal("no vcs.time must give zero")
	}
}

func TestFormatOffset(t *testing.T) {
	for in, want := range map[time.Duration]string{
		2 * time.Hour:              "+2h0m0s",
		-30 * time.Minute:          "-30m0s",
		0:                          "+0s",
		1234567 * time.Microsecond: "+1.235s",
	} {
		if got := FormatOffset(in); got != want {
			t.Errorf("FormatOffset(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestReferenceNowNilSafe(t *testing.T) {
	var r *Result
	if _, ok := r.ReferenceNow(time.Now()); ok || r.Skewed() {
		t.Fatal("nil Result must report no reference and no skew")
	}
}
