package content

import (
	"strconv"
	"strings"
	"time"
)

// Duration renders d for people in its two largest units: "2 hours 5
// minutes", "40 seconds", "3 days 2 hours" in English; 「2 時間 5 分」
// 「40 秒」「3 日 2 時間」 in Japanese. The sign is dropped
// (the direction is told by the text around it). Under a second is
// "less than a second" / 「1 秒未満」.
func Duration(lang Lang, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	d = d.Round(time.Second)
	if d < time.Second {
		return Msg(lang, "unit.under-second", nil)
	}
	var parts []string
	add := func(n int, name string) {
		if n != 0 {
			parts = append(parts, unit(lang, n, name))
		}
	}
	switch h := int(d / time.Hour); {
	case h >= 48: // days and hours
		add(h/24, "day")
		add(h%24, "hour")
	case h > 0: // hours and minutes
		add(h, "hour")
		add(int(d%time.Hour/time.Minute), "minute")
	case d >= time.Minute: // minutes and seconds
		add(int(d/time.Minute), "minute")
		add(int(d%time.Minute/time.Second), "second")
	default:
		add(int(d/time.Second), "second")
	}
	return strings.Join(parts, " ")
}

// unit is "2 hours", "1 hour" or 「2 時間」.
func unit(lang Lang, n int, name string) string {
	key := "unit." + name
	if n != 1 {
		key += "s"
	}
	return Msg(lang, key, map[string]string{"n": strconv.Itoa(n)})
}

// Time renders t for people in its own (local) zone, to the minute, with
// the zone's name: "29 Nov 2026 18:14 JST" in English and
// 「2026年11月29日 18:14（日本時間）」 in Japanese. A zone without a name
// shows its offset ("UTC+09:00"). The zero time gives "".
func Time(lang Lang, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	zone := zoneName(lang, t)
	if lang == JA {
		return t.Format("2006年1月2日 15:04") + "（" + zone + "）"
	}
	return t.Format("2 Jan 2006 15:04") + " " + zone
}

// zoneName is the zone's abbreviation when it has one, 日本時間 for JST
// in Japanese, else the offset from UTC.
func zoneName(lang Lang, t time.Time) string {
	name, off := t.Zone()
	if name == "JST" && lang == JA {
		return "日本時間"
	}
	if name == "UTC" || (name == "" && off == 0) {
		return "UTC"
	}
	if name != "" && isLetters(name) {
		return name
	}
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
	}
	h, m := off/3600, off%3600/60
	return "UTC" + sign + pad2(h) + ":" + pad2(m)
}

func isLetters(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
