package netctx

import "time"

// dnsTimeoutForTests bounds waits on servers that never answer.
const dnsTimeoutForTests = 400 * time.Millisecond
