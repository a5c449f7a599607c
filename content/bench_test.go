package content

import "testing"

func BenchmarkMsg(b *testing.B) {
	args := map[string]string{"subject": "meeting.example", "not_after": "2024-01-01"}
	for b.Loop() {
		_ = Msg(JA, "finding.cert.expired", args)
	}
}

func BenchmarkPage(b *testing.B) {
	args := map[string]string{
		"local_time": "10:00", "reference_time": "12:00", "source": "ntp", "offset": "+2h",
	}
	for b.Loop() {
		_ = Page(JA, "clock-skewed", args)
	}
}
