package captive

import "net/http"

// DefaultURL is Chromium's connectivity check: it answers 204 and
// nothing else when the path to the internet is open.
const DefaultURL = "http://connectivitycheck.gstatic.com/generate_204"

// MaxBody caps how much of a response body is read.
const MaxBody = 64 << 10

// The challenge headers: the probe sends ChallengeHeader with a random
// token, and a cooperating server answers 204 with ResponseHeader set to
// "response " + token. A portal that fakes the 204 cannot know the token.
const (
	ChallengeHeader = "X-Certwiz-Challenge"
	ResponseHeader  = "X-Certwiz-Response"
)

// Check is a connectivity check that expects a fixed body (200).
type Check struct {
	URL  string
	Body string // compared after trimming surrounding white space
}

// DefaultCorroborate are the Firefox and Windows connectivity checks, for
// callers that want a second opinion.
var DefaultCorroborate = []Check{
	{URL: "http://detectportal.firefox.com/success.txt", Body: "success\n"},
	{URL: "http://www.msftconnecttest.com/connecttest.txt", Body: "Microsoft Connect Test"},
}

// Config says which check to run and how.
type Config struct {
	// URL is the 204 check; empty means DefaultURL.
	URL string
	// Corroborate are extra checks run at the same time. The primary
	// check decides when it is conclusive; otherwise the first conclusive
	// corroborating check does. Empty means none.
	Corroborate []Check
	// Client carries the requests (proxy, --resolve). The probe uses a
	// copy that never follows redirects. nil means a client on
	// http.DefaultTransport.
	Client *http.Client
	// Challenge sends a random token to the primary URL and requires the
	// 204 to echo it (only for servers that implement ResponseHeader).
	Challenge bool
}

func (c *Config) url() string {
	if c.URL != "" {
		return c.URL
	}
	return DefaultURL
}

// noRedirects returns a copy of c (or of a default client) that hands
// redirects back instead of following them.
func noRedirects(c *http.Client) *http.Client {
	cp := &http.Client{}
	if c != nil {
		*cp = *c
	}
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return cp
}
