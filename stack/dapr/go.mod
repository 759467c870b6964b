// Wrapper module: builds daprd, placement and scheduler from the pinned
// github.com/dapr/dapr release. `go install …/cmd/daprd@v` cannot work because
// dapr's go.mod carries replace directives, which only apply in the main module —
// so they are copied here verbatim (keep them in sync when bumping the pin).
module todo-chatbot/stack/dapr

go 1.26.6

require github.com/dapr/dapr v1.18.3

tool (
	github.com/dapr/dapr/cmd/daprd
	github.com/dapr/dapr/cmd/placement
	github.com/dapr/dapr/cmd/scheduler
)

replace (
	dubbo.apache.org/dubbo-go/v3 => dubbo.apache.org/dubbo-go/v3 v3.0.3-0.20230118042253-4f159a2b38f3
	// dapr points pulsar at a fork (and the fork at iskorotkov/avro); neither is served by
	// the module proxy reachable here, so pulsar stays on its upstream release.
	github.com/apache/pulsar-client-go v0.18.0 => github.com/apache/pulsar-client-go v0.18.0
	gopkg.in/couchbaselabs/gocbconnstr.v1 => github.com/couchbaselabs/gocbconnstr v1.0.5
)

// Not in dapr's go.mod: dapr v1.18.3 wants durabletask-go v0.12.4, which the reachable module
// proxy does not serve; v0.12.1 is the nearest patch release it does.
replace github.com/dapr/durabletask-go => github.com/dapr/durabletask-go v0.12.1

replace (
	github.com/chenzhuoyu/iasm => github.com/chenzhuoyu/iasm v0.9.0
	github.com/chzyer/logex => github.com/chzyer/logex v1.2.1
	github.com/gobwas/pool => github.com/gobwas/pool v0.2.1
	github.com/toolkits/concurrent => github.com/niean/gotools v0.0.0-20151221085310-ff3f51fc5c60
)
