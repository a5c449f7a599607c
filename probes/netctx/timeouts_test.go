package netctx

import "time"

// shortTimeout bounds waits on servers that never answer.
const shortTimeout = 400 * time.Millisecond
