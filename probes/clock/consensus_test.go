package clock

import (
	"reflect"
	"testing"
	"time"
)

func answers(offsets ...time.Duration) []answer {
	out := make([]answer, len(offsets))
	for i, o := range offsets {
		out[i] = answer{name: "s" + string(rune('a'+i)), est: estimate{o, 20 * time.Millisecond}, idx: i}
	}
	return out
}

func TestLargestGroups(t *testing.T) {
	h := time.Hour
	ms := time.Millisecond
	tests := []struct {
		name string
		in   []answer
		want [][]int
	}{
		{"none", nil, nil},
		{"one", answers(3 * h), [][]int{{0}}},
		{"two agree", answers(0, 800*ms), [][]int{{0, 1}}},
		{"two disagree", answers(0, 3*h), [][]int{{0}, {1}}},
		{"three, one outlier", answers(10*h, 0, 500*ms), [][]int{{1, 2}}},
		{"three all disagree", answers(0, h, 2*h), [][]int{{0}, {1}, {2}}},
		{"two against two", answers(0, 3*h, 100*ms, 3*h+100*ms), [][]int{{0, 2}, {1, 3}}},
		{"chain 0 / 1.5 / 3 s: two overlapping pairs tie", answers(0, 1500*ms, 3000*ms), [][]int{{0, 1}, {1, 2}}},
		{"five, majority of three", answers(h, 0, 200*ms, -200*ms, -h), [][]int{{1, 2, 3}}},
		{"a large uncertainty widens agreement", []answer{
			{name: "a", est: estimate{0, 10 * time.Second}},
			{name: "b", est: estimate{8 * time.Second, 10 * ms}},
		}, [][]int{{0, 1}}},
	}
	for _, tt := range tests {
		if got := largestGroups(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: largestGroups = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestBreakTie(t *testing.T) {
	as := answers(0, 3*time.Hour)
	groups := largestGroups(as)
	if g, ok := breakTie(as, groups, estimate{0, 1500 * time.Millisecond}); !ok || !reflect.DeepEqual(g, []int{0}) {
		t.Errorf("Date at 0: got %v %v", g, ok)
	}
	if g, ok := breakTie(as, groups, estimate{3*time.Hour + time.Second, 1500 * time.Millisecond}); !ok || !reflect.DeepEqual(g, []int{1}) {
		t.Errorf("Date at 3h: got %v %v", g, ok)
	}
	if _, ok := breakTie(as, groups, estimate{90 * time.Minute, time.Second}); ok {
		t.Error("a Date between the groups broke the tie")
	}
	if _, ok := breakTie(as, groups, estimate{90 * time.Minute, 2 * time.Hour}); ok {
		t.Error("a Date agreeing with both groups broke the tie")
	}
}

func TestPlausibleWindow(t *testing.T) {
	build := time.Date(2027, 6, 1, 0, 0, 0, 0, time.UTC)
	e, l := plausibleWindow(build)
	if !e.Equal(build.Add(-BuildSlackBehind)) || !l.Equal(time.Date(2047, 6, 1, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("window = %v .. %v", e, l)
	}
	e, l = plausibleWindow(time.Time{})
	if !e.Equal(EarliestPlausible) || !l.Equal(EarliestPlausible.AddDate(20, 0, 0)) {
		t.Fatalf("window without build = %v .. %v", e, l)
	}
	local := build
	tests := []struct {
		offset time.Duration
		want   string
	}{
		{0, ""},
		{-BuildSlackBehind, ""},
		{-BuildSlackBehind - time.Second, RejectBeforeBuild},
		{-30 * 365 * 24 * time.Hour, RejectBeforeBuild},
		{19 * 365 * 24 * time.Hour, ""},
		{21 * 365 * 24 * time.Hour, RejectFarFuture},
	}
	for _, tt := range tests {
		if got := plausible(local, tt.offset, e0(build), l0(build)); got != tt.want {
			t.Errorf("plausible(offset %v) = %q, want %q", tt.offset, got, tt.want)
		}
	}
}

func e0(b time.Time) time.Time { e, _ := plausibleWindow(b); return e }
func l0(b time.Time) time.Time { _, l := plausibleWindow(b); return l }
