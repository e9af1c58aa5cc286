{{- define "imagegate.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "imagegate.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "imagegate.labels" -}}
app.kubernetes.io/name: {{ include "imagegate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "imagegate.selectorLabels" -}}
app.kubernetes.io/name: {{ include "imagegate.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "imagegate.tlsSecret" -}}
{{ include "imagegate.fullname" . }}-tls
{{- end -}}

{{- define "imagegate.serviceHost" -}}
{{ include "imagegate.fullname" . }}.{{ .Release.Namespace }}.svc
{{- end -}}

{{- define "imagegate.reviewDeadlineMs" -}}
{{- if .Values.webhook.reviewDeadlineMs -}}
{{- .Values.webhook.reviewDeadlineMs -}}
{{- else -}}
{{- max 500 (sub (mul (int .Values.webhook.timeoutSeconds) 1000) 2000) -}}
{{- end -}}
{{- end -}}

{{/* Webhook body shared by the mutating and validating configurations. */}}
{{- define "imagegate.webhookCommon" -}}
admissionReviewVersions: [v1]
sideEffects: None
failurePolicy: {{ .Values.webhook.failurePolicy }}
timeoutSeconds: {{ .Values.webhook.timeoutSeconds }}
matchPolicy: Equivalent
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values:
        - kube-system
        - {{ .Release.Namespace }}
        {{- range .Values.webhook.excludedNamespaces }}
        - {{ . }}
        {{- end }}
    {{- with .Values.webhook.namespaceSelectorExpressions }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
rules:
  {{- range .Values.webhook.rules }}
  - operations: [CREATE, UPDATE]
    apiGroups: {{ toJson .apiGroups }}
    apiVersions: {{ toJson .apiVersions }}
    resources: {{ toJson .resources }}
    scope: Namespaced
  {{- end }}
{{- end -}}
