package clock

import (
	"net/http"
	"runtime/debug"
	"time"
)

// DefaultServers are the public SNTP servers asked when Config.Servers is
// empty. They are run by different operators so one bad server cannot
// move the median.
var DefaultServers = []string{
	"time.cloudflare.com",
	"time.google.com",
	"pool.ntp.org",
	"time.windows.com",
	"time.apple.com",
}

// NTPWait is the longest the probe waits for SNTP answers (bounded by the
// context's deadline too). Chromium waits about as long for network time.
const NTPWait = 3 * time.Second

// DateGrace is how much longer silent time servers are waited for once
// an HTTPS Date header has answered: long enough for a slow NTP answer on
// a working network, short enough that a blocked UDP port 123 does not
// hold the verdict up.
const DateGrace = 300 * time.Millisecond

// Config says which time sources the probe asks.
type Config struct {
	// Servers are SNTP servers as "host" or "host:port" (default port
	// 123). Empty means DefaultServers.
	Servers []string
	// DateURLs are https URLs (normally the targets) whose Date response
	// header is the fallback reference when no SNTP server answers.
	DateURLs []string
	// Client carries the Date requests (proxy, --resolve). nil means a
	// client built on http.DefaultTransport.
	Client *http.Client
	// Now is the local clock being judged; nil means time.Now. It should
	// advance like a real clock: the probe measures elapsed time with the
	// monotonic clock and reads Now once.
	Now func() time.Time
	// BuildTime is when the running binary was built; zero means unknown.
	// It bounds the clock when no network source answers.
	BuildTime time.Time
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

func (c *Config) servers() []string {
	if len(c.Servers) > 0 {
		return c.Servers
	}
	return DefaultServers
}

// BuildTime returns the commit time recorded in the running binary's
// build information (the vcs.time setting), or the zero time when the
// binary was built without version-control information.
func BuildTime() time.Time {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return time.Time{}
	}
	return buildTimeFrom(info.Settings)
}

func buildTimeFrom(settings []debug.BuildSetting) time.Time {
	for _, s := range settings {
		if s.Key != "vcs.time" {
			continue
		}
		t, err := time.Parse(time.RFC3339, s.Value)
		if err != nil {
			return time.Time{}
		}
		return t
	}
	return time.Time{}
}
