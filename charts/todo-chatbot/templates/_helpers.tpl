{{- define "todo.fullname" -}}
{{- printf "%s" .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}

{{- define "todo.labels" -}}
app.kubernetes.io/part-of: todo-chatbot
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The component label alone, added to todo.labels on a component's resources. */}}
{{- define "todo.name" -}}
app.kubernetes.io/name: {{ . }}
{{- end -}}

{{/* Selector labels of one component: (dict "root" $ "name" "gateway") */}}
{{- define "todo.selector" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- /* By digest when given (the pipeline deploys exactly the image it built, tested and signed). */}}
{{- define "todo.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "todo.secretName" -}}
{{- default (printf "%s-secrets" (include "todo.fullname" .)) .Values.secrets.existingSecret -}}
{{- end -}}

{{- /* The mesh Secrets of one component: (dict "root" $ "name" "gateway" "kind" "apiToken")
       with kind apiToken | appToken | callerKey; the one named in mesh.existingSecrets, else the
       chart's own (secret-mesh.yaml). */}}
{{- define "todo.meshSecretName" -}}
{{- $existing := dig .name .kind "" (.root.Values.mesh.existingSecrets | default dict) -}}
{{- $suffix := get (dict "apiToken" "dapr-api-token" "appToken" "app-token" "callerKey" "caller-key") .kind -}}
{{- default (printf "%s-%s-%s" (include "todo.fullname" .root) .name $suffix) $existing -}}
{{- end -}}

{{- /* Whether the chart makes this mesh Secret: (dict "root" $ "name" "gateway" "kind" "apiToken") */}}
{{- define "todo.meshSecretOwned" -}}
{{- if not (dig .name .kind "" (.root.Values.mesh.existingSecrets | default dict)) }}true{{ end -}}
{{- end -}}

{{- /* The Dapr Configuration of one component (its access control and secret scopes). */}}
{{- define "todo.daprConfigName" -}}
{{- printf "%s-%s-dapr" (include "todo.fullname" .root) .name -}}
{{- end -}}

{{- /* Whether a component uses the pub/sub component at all. */}}
{{- define "todo.usesPubsub" -}}
{{- if or .pubsub.publish .pubsub.subscribe }}true{{ end -}}
{{- end -}}

{{- /* The public key a signer's caller assertions are checked with: (dict "root" $ "name" "gateway").
       From mesh.callerKeys.<name>.publicKey, else from `public-key` of its caller-key Secret in the
       cluster (kept there since the install), else the chart fails. */}}
{{- define "todo.callerPublicKey" -}}
{{- $keys := get .root.Values.mesh.callerKeys .name -}}
{{- $secretName := include "todo.meshSecretName" (dict "root" .root "name" .name "kind" "callerKey") -}}
{{- $previous := lookup "v1" "Secret" .root.Release.Namespace $secretName -}}
{{- $key := $keys.publicKey | default (dig "data" "public-key" "" $previous | b64dec) -}}
{{- if not $key -}}
{{- fail (printf "mesh.callerKeys.%s.publicKey is empty and the cluster holds no Secret %s with a public-key: the actor host believes only the callers whose public key it holds (docs/DEPLOYMENT.md, \"The mesh\")" .name $secretName) -}}
{{- end -}}
{{- $key -}}
{{- end -}}
