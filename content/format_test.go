package content

import (
	"testing"
	"time"
)

func TestDuration(t *testing.T) {
	t.Parallel()
	cases := []struct {
		d      time.Duration
		en, ja string
	}{
		{2 * time.Hour, "2 hours", "2 時間"},
		{-(26*time.Hour + 5*time.Minute), "26 hours 5 minutes", "26 時間 5 分"},
		{time.Hour + time.Second, "1 hour", "1 時間"},
		{90 * time.Second, "1 minute 30 seconds", "1 分 30 秒"},
		{40*time.Second + 400*time.Millisecond, "40 seconds", "40 秒"},
		{time.Second, "1 second", "1 秒"},
		{300 * time.Millisecond, "less than a second", "1 秒未満"},
		{0, "less than a second", "1 秒未満"},
		{75 * time.Hour, "3 days 3 hours", "3 日 3 時間"},
		{48 * time.Hour, "2 days", "2 日"},
	}
	for _, c := range cases {
		if got := Duration(EN, c.d); got != c.en {
			t.Errorf("Duration(en, %v) = %q, want %q", c.d, got, c.en)
		}
		if got := Duration(JA, c.d); got != c.ja {
			t.Errorf("Duration(ja, %v) = %q, want %q", c.d, got, c.ja)
		}
	}
}

func TestTime(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 11, 29, 9, 14, 30, 0, time.UTC)
	jst := time.FixedZone("JST", 9*3600)
	cases := []struct {
		t      time.Time
		en, ja string
	}{
		{base.In(jst), "29 Nov 2026 18:14 JST", "2026年11月29日 18:14（日本時間）"},
		{base, "29 Nov 2026 09:14 UTC", "2026年11月29日 09:14（UTC）"},
		{base.In(time.FixedZone("", -5*3600-30*60)), "29 Nov 2026 03:44 UTC-05:30", "2026年11月29日 03:44（UTC-05:30）"},
		{base.In(time.FixedZone("+09", 9*3600)), "29 Nov 2026 18:14 UTC+09:00", "2026年11月29日 18:14（UTC+09:00）"},
		{base.In(time.FixedZone("CET", 3600)), "29 Nov 2026 10:14 CET", "2026年11月29日 10:14（CET）"},
		{time.Time{}, "", ""},
	}
	for _, c := range cases {
		if got := Time(EN, c.t); got != c.en {
			t.Errorf("Time(en, %v) = %q, want %q", c.t, got, c.en)
		}
		if got := Time(JA, c.t); got != c.ja {
			t.Errorf("Time(ja, %v) = %q, want %q", c.t, got, c.ja)
		}
		if p := JapaneseProblems(Time(JA, c.t)); len(p) != 0 {
			t.Errorf("Time(ja) %q: %v", Time(JA, c.t), p)
		}
	}
}
