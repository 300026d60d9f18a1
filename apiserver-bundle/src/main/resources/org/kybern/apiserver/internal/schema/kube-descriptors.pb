
Á
4k8s.io/apimachinery/pkg/api/resource/generated.proto$k8s.io.apimachinery.pkg.api.resource"
Quantity
string (	"
QuantityValue
string (	BL
io.kubernetes.client.protoBResourceZ$k8s.io/apimachinery/pkg/api/resource
È
/k8s.io/apimachinery/pkg/runtime/generated.protok8s.io.apimachinery.pkg.runtime"
RawExtension
raw (",
TypeMeta

apiVersion (	
kind (	"Å
Unknown;
typeMeta (2).k8s.io.apimachinery.pkg.runtime.TypeMeta
raw (
contentEncoding (	
contentType (	BF
io.kubernetes.client.protoBRuntimeZk8s.io/apimachinery/pkg/runtime
µ
6k8s.io/apimachinery/pkg/runtime/schema/generated.proto&k8s.io.apimachinery.pkg.runtime.schemaBS
io.kubernetes.client.protoBRuntimeSchemaZ&k8s.io/apimachinery/pkg/runtime/schema
∞,
4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto$k8s.io.apimachinery.pkg.apis.meta.v1/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"©
APIGroup
name (	P
versions (2>.k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscoveryX
preferredVersion (2>.k8s.io.apimachinery.pkg.apis.meta.v1.GroupVersionForDiscoveryc
serverAddressByClientCIDRs (2?.k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR"N
APIGroupList>
groups (2..k8s.io.apimachinery.pkg.apis.meta.v1.APIGroup"Û
APIResource
name (	
singularName (	

namespaced (
group (	
version	 (	
kind (	:
verbs (2+.k8s.io.apimachinery.pkg.apis.meta.v1.Verbs

shortNames (	

categories (	
storageVersionHash
 (	"m
APIResourceList
groupVersion (	D
	resources (21.k8s.io.apimachinery.pkg.apis.meta.v1.APIResource"Ñ
APIVersions
versions (	c
serverAddressByClientCIDRs (2?.k8s.io.apimachinery.pkg.apis.meta.v1.ServerAddressByClientCIDR"C
ApplyOptions
dryRun (	
force (
fieldManager (	"Æ
	Condition
type (	
status (	
observedGeneration (F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"N
CreateOptions
dryRun (	
fieldManager (	
fieldValidation (	"ˆ
DeleteOptions
gracePeriodSeconds (J
preconditions (23.k8s.io.apimachinery.pkg.apis.meta.v1.Preconditions
orphanDependents (
propagationPolicy (	
dryRun (	8
0ignoreStoreReadErrorWithClusterBreakingPotential ("
Duration
duration ("I
FieldSelectorRequirement
key (	
operator (	
values (	"
FieldsV1
Raw ("%

GetOptions
resourceVersion (	"(
	GroupKind
group (	
kind (	"0
GroupResource
group (	
resource (	".
GroupVersion
group (	
version (	"A
GroupVersionForDiscovery
groupVersion (	
version (	"@
GroupVersionKind
group (	
version (	
kind (	"H
GroupVersionResource
group (	
version (	
resource (	"¯
LabelSelectorY
matchLabels (2D.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector.MatchLabelsEntryX
matchExpressions (2>.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement2
MatchLabelsEntry
key (	
value (	:8"I
LabelSelectorRequirement
key (	
operator (	
values (	"Ü
List@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta<
items (2-.k8s.io.apimachinery.pkg.runtime.RawExtension"ß
ListMeta
selfLink (	
resourceVersion (	
continue (	
remainingItemCount (B
	shardInfo (2/.k8s.io.apimachinery.pkg.apis.meta.v1.ShardInfo"â
ListOptions
labelSelector (	
fieldSelector (	
watch (
allowWatchBookmarks	 (
resourceVersion (	
resourceVersionMatch
 (	
timeoutSeconds (
limit (
continue (	
sendInitialEvents (
shardSelector (	"Ò
ManagedFieldsEntry
manager (	
	operation (	

apiVersion (	8
time (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time

fieldsType (	@
fieldsV1 (2..k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1
subresource (	"+
	MicroTime
seconds (
nanos ("˛

ObjectMeta
name (	
generateName (	
	namespace (	
selfLink (	
uid (	
resourceVersion (	

generation (E
creationTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeE
deletionTimestamp	 (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"
deletionGracePeriodSeconds
 (L
labels (2<.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta.LabelsEntryV
annotations (2A.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta.AnnotationsEntryM
ownerReferences (24.k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference

finalizers (	O
managedFields (28.k8s.io.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry-
LabelsEntry
key (	
value (	:82
AnnotationsEntry
key (	
value (	:8"}
OwnerReference

apiVersion (	
kind (	
name (	
uid (	

controller (
blockOwnerDeletion ("[
PartialObjectMetadataB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta"©
PartialObjectMetadataList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaJ
items (2;.k8s.io.apimachinery.pkg.apis.meta.v1.PartialObjectMetadata"
Patch"\
PatchOptions
dryRun (	
force (
fieldManager (	
fieldValidation (	"5
Preconditions
uid (	
resourceVersion (	"
	RootPaths
paths (	"F
ServerAddressByClientCIDR

clientCIDR (	
serverAddress (	"
	ShardInfo
selector (	"œ
Status@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta
status (	
message (	
reason (	D
details (23.k8s.io.apimachinery.pkg.apis.meta.v1.StatusDetails
code ("=
StatusCause
reason (	
message (	
field (	"•
StatusDetails
name (	
group (	
kind (	
uid (	A
causes (21.k8s.io.apimachinery.pkg.apis.meta.v1.StatusCause
retryAfterSeconds ("%
TableOptions
includeObject (	"&
Time
seconds (
nanos ("+
	Timestamp
seconds (
nanos (",
TypeMeta
kind (	

apiVersion (	"N
UpdateOptions
dryRun (	
fieldManager (	
fieldValidation (	"
Verbs
items (	"Y

WatchEvent
type (	=
object (2-.k8s.io.apimachinery.pkg.runtime.RawExtensionBH
io.kubernetes.client.protoBMetaZ$k8s.io/apimachinery/pkg/apis/meta/v1
‚
3k8s.io/apimachinery/pkg/util/intstr/generated.proto#k8s.io.apimachinery.pkg.util.intstr";
IntOrString
type (
intVal (
strVal (	BI
io.kubernetes.client.protoBIntStrZ#k8s.io/apimachinery/pkg/util/intstr
ƒ‡
"k8s.io/api/core/v1/generated.protok8s.io.api.core.v14k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto3k8s.io/apimachinery/pkg/util/intstr/generated.proto"i
 AWSElasticBlockStoreVolumeSource
volumeID (	
fsType (	
	partition (
readOnly ("∂
Affinity6
nodeAffinity (2 .k8s.io.api.core.v1.NodeAffinity4
podAffinity (2.k8s.io.api.core.v1.PodAffinity<
podAntiAffinity (2#.k8s.io.api.core.v1.PodAntiAffinity"9
AppArmorProfile
type (	
localhostProfile (	"2
AttachedVolume
name (	

devicePath (	"N
	AvoidPodsA
preferAvoidPods (2(.k8s.io.api.core.v1.PreferAvoidPodsEntry"
AzureDiskVolumeSource
diskName (	
diskURI (	
cachingMode (	
fsType (	
readOnly (
kind (	"s
AzureFilePersistentVolumeSource

secretName (	
	shareName (	
readOnly (
secretNamespace (	"P
AzureFileVolumeSource

secretName (	
	shareName (	
readOnly ("Ç
BindingB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta3
target (2#.k8s.io.api.core.v1.ObjectReference"“
CSIPersistentVolumeSource
driver (	
volumeHandle (	
readOnly (
fsType (	]
volumeAttributes (2C.k8s.io.api.core.v1.CSIPersistentVolumeSource.VolumeAttributesEntryG
controllerPublishSecretRef (2#.k8s.io.api.core.v1.SecretReference?
nodeStageSecretRef (2#.k8s.io.api.core.v1.SecretReferenceA
nodePublishSecretRef (2#.k8s.io.api.core.v1.SecretReferenceF
controllerExpandSecretRef	 (2#.k8s.io.api.core.v1.SecretReference@
nodeExpandSecretRef
 (2#.k8s.io.api.core.v1.SecretReference7
VolumeAttributesEntry
key (	
value (	:8"ô
CSIVolumeSource
driver (	
readOnly (
fsType (	S
volumeAttributes (29.k8s.io.api.core.v1.CSIVolumeSource.VolumeAttributesEntryF
nodePublishSecretRef (2(.k8s.io.api.core.v1.LocalObjectReference7
VolumeAttributesEntry
key (	
value (	:8")
Capabilities
add (	
drop (	"™
CephFSPersistentVolumeSource
monitors (	
path (	
user (	

secretFile (	6
	secretRef (2#.k8s.io.api.core.v1.SecretReference
readOnly ("•
CephFSVolumeSource
monitors (	
path (	
user (	

secretFile (	;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference
readOnly ("ä
CinderPersistentVolumeSource
volumeID (	
fsType (	
readOnly (6
	secretRef (2#.k8s.io.api.core.v1.SecretReference"Ö
CinderVolumeSource
volumeID (	
fsType (	
readOnly (;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference"(
ClientIPConfig
timeoutSeconds ("¨
ClusterTrustBundleProjection
name (	

signerName (	J
labelSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
optional (
path (	"R
ComponentCondition
type (	
status (	
message (	
error (	"ë
ComponentStatusB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta:

conditions (2&.k8s.io.api.core.v1.ComponentCondition"ã
ComponentStatusList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta2
items (2#.k8s.io.api.core.v1.ComponentStatus"º
	ConfigMapB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
	immutable (5
data (2'.k8s.io.api.core.v1.ConfigMap.DataEntryA

binaryData (2-.k8s.io.api.core.v1.ConfigMap.BinaryDataEntry+
	DataEntry
key (	
value (	:81
BinaryDataEntry
key (	
value (:8"n
ConfigMapEnvSourceF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference
optional ("}
ConfigMapKeySelectorF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference
key (	
optional ("
ConfigMapList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta,
items (2.k8s.io.api.core.v1.ConfigMap"|
ConfigMapNodeConfigSource
	namespace (	
name (	
uid (	
resourceVersion (	
kubeletConfigKey (	"ù
ConfigMapProjectionF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference,
items (2.k8s.io.api.core.v1.KeyToPath
optional ("¥
ConfigMapVolumeSourceF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference,
items (2.k8s.io.api.core.v1.KeyToPath
defaultMode (
optional ("≈
	Container
name (	
image (	
command (	
args (	

workingDir (	0
ports (2!.k8s.io.api.core.v1.ContainerPort2
envFrom (2!.k8s.io.api.core.v1.EnvFromSource'
env (2.k8s.io.api.core.v1.EnvVar;
	resources (2(.k8s.io.api.core.v1.ResourceRequirements?
resizePolicy (2).k8s.io.api.core.v1.ContainerResizePolicy
restartPolicy (	D
restartPolicyRules (2(.k8s.io.api.core.v1.ContainerRestartRule5
volumeMounts	 (2.k8s.io.api.core.v1.VolumeMount7
volumeDevices (2 .k8s.io.api.core.v1.VolumeDevice0
livenessProbe
 (2.k8s.io.api.core.v1.Probe1
readinessProbe (2.k8s.io.api.core.v1.Probe/
startupProbe (2.k8s.io.api.core.v1.Probe0
	lifecycle (2.k8s.io.api.core.v1.Lifecycle
terminationMessagePath (	 
terminationMessagePolicy (	
imagePullPolicy (	<
securityContext (2#.k8s.io.api.core.v1.SecurityContext
stdin (
	stdinOnce (
tty ("d
 ContainerExtendedResourceRequest
containerName (	
resourceName (	
requestName (	"2
ContainerImage
names (	
	sizeBytes ("h
ContainerPort
name (	
hostPort (
containerPort (
protocol (	
hostIP (	"D
ContainerResizePolicy
resourceName (	
restartPolicy (	"n
ContainerRestartRule
action (	F
	exitCodes (23.k8s.io.api.core.v1.ContainerRestartRuleOnExitCodes"C
ContainerRestartRuleOnExitCodes
operator (	
values (" 
ContainerState:
waiting (2).k8s.io.api.core.v1.ContainerStateWaiting:
running (2).k8s.io.api.core.v1.ContainerStateRunning@

terminated (2,.k8s.io.api.core.v1.ContainerStateTerminated"V
ContainerStateRunning=
	startedAt (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"Ò
ContainerStateTerminated
exitCode (
signal (
reason (	
message (	=
	startedAt (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time>

finishedAt (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
containerID (	"8
ContainerStateWaiting
reason (	
message (	"Ω
ContainerStatus
name (	1
state (2".k8s.io.api.core.v1.ContainerState5
	lastState (2".k8s.io.api.core.v1.ContainerState
ready (
restartCount (
image (	
imageID (	
containerID (	
started	 (W
allocatedResources
 (2;.k8s.io.api.core.v1.ContainerStatus.AllocatedResourcesEntry;
	resources (2(.k8s.io.api.core.v1.ResourceRequirements;
volumeMounts (2%.k8s.io.api.core.v1.VolumeMountStatus/
user (2!.k8s.io.api.core.v1.ContainerUserD
allocatedResourcesStatus (2".k8s.io.api.core.v1.ResourceStatus

stopSignal (	i
AllocatedResourcesEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"F
ContainerUser5
linux (2&.k8s.io.api.core.v1.LinuxContainerUser"
DaemonEndpoint
Port ("Q
DownwardAPIProjection8
items (2).k8s.io.api.core.v1.DownwardAPIVolumeFile"≥
DownwardAPIVolumeFile
path (	9
fieldRef (2'.k8s.io.api.core.v1.ObjectFieldSelectorC
resourceFieldRef (2).k8s.io.api.core.v1.ResourceFieldSelector
mode ("h
DownwardAPIVolumeSource8
items (2).k8s.io.api.core.v1.DownwardAPIVolumeFile
defaultMode ("i
EmptyDirVolumeSource
medium (	A
	sizeLimit (2..k8s.io.apimachinery.pkg.api.resource.Quantity"y
EndpointAddress

ip (	
hostname (	
nodeName (	6
	targetRef (2#.k8s.io.api.core.v1.ObjectReference"Q
EndpointPort
name (	
port (
protocol (	
appProtocol (	"π
EndpointSubset6
	addresses (2#.k8s.io.api.core.v1.EndpointAddress>
notReadyAddresses (2#.k8s.io.api.core.v1.EndpointAddress/
ports (2 .k8s.io.api.core.v1.EndpointPort"Ñ
	EndpointsB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta3
subsets (2".k8s.io.api.core.v1.EndpointSubset"
EndpointsList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta,
items (2.k8s.io.api.core.v1.Endpoints"ï
EnvFromSource
prefix (	<
configMapRef (2&.k8s.io.api.core.v1.ConfigMapEnvSource6
	secretRef (2#.k8s.io.api.core.v1.SecretEnvSource"Z
EnvVar
name (	
value (	3
	valueFrom (2 .k8s.io.api.core.v1.EnvVarSource"«
EnvVarSource9
fieldRef (2'.k8s.io.api.core.v1.ObjectFieldSelectorC
resourceFieldRef (2).k8s.io.api.core.v1.ResourceFieldSelectorA
configMapKeyRef (2(.k8s.io.api.core.v1.ConfigMapKeySelector;
secretKeyRef (2%.k8s.io.api.core.v1.SecretKeySelector7

fileKeyRef (2#.k8s.io.api.core.v1.FileKeySelector"Å
EphemeralContainerN
ephemeralContainerCommon (2,.k8s.io.api.core.v1.EphemeralContainerCommon
targetContainerName (	"‘
EphemeralContainerCommon
name (	
image (	
command (	
args (	

workingDir (	0
ports (2!.k8s.io.api.core.v1.ContainerPort2
envFrom (2!.k8s.io.api.core.v1.EnvFromSource'
env (2.k8s.io.api.core.v1.EnvVar;
	resources (2(.k8s.io.api.core.v1.ResourceRequirements?
resizePolicy (2).k8s.io.api.core.v1.ContainerResizePolicy
restartPolicy (	D
restartPolicyRules (2(.k8s.io.api.core.v1.ContainerRestartRule5
volumeMounts	 (2.k8s.io.api.core.v1.VolumeMount7
volumeDevices (2 .k8s.io.api.core.v1.VolumeDevice0
livenessProbe
 (2.k8s.io.api.core.v1.Probe1
readinessProbe (2.k8s.io.api.core.v1.Probe/
startupProbe (2.k8s.io.api.core.v1.Probe0
	lifecycle (2.k8s.io.api.core.v1.Lifecycle
terminationMessagePath (	 
terminationMessagePolicy (	
imagePullPolicy (	<
securityContext (2#.k8s.io.api.core.v1.SecurityContext
stdin (
	stdinOnce (
tty ("g
EphemeralVolumeSourceN
volumeClaimTemplate (21.k8s.io.api.core.v1.PersistentVolumeClaimTemplate"
EventB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
involvedObject (2#.k8s.io.api.core.v1.ObjectReference
reason (	
message (	/
source (2.k8s.io.api.core.v1.EventSourceB
firstTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeA
lastTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
count (
type	 (	B
	eventTime
 (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime/
series (2.k8s.io.api.core.v1.EventSeries
action (	4
related (2#.k8s.io.api.core.v1.ObjectReference
reportingComponent (	
reportingInstance (	"w
	EventList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta(
items (2.k8s.io.api.core.v1.Event"g
EventSeries
count (I
lastObservedTime (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime".
EventSource
	component (	
host (	"

ExecAction
command (	"b
FCVolumeSource

targetWWNs (	
lun (
fsType (	
readOnly (
wwids (	"R
FileKeySelector

volumeName (	
path (	
key (	
optional ("Ñ
FlexPersistentVolumeSource
driver (	
fsType (	6
	secretRef (2#.k8s.io.api.core.v1.SecretReference
readOnly (L
options (2;.k8s.io.api.core.v1.FlexPersistentVolumeSource.OptionsEntry.
OptionsEntry
key (	
value (	:8"ı
FlexVolumeSource
driver (	
fsType (	;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference
readOnly (B
options (21.k8s.io.api.core.v1.FlexVolumeSource.OptionsEntry.
OptionsEntry
key (	
value (	:8"?
FlockerVolumeSource
datasetName (	
datasetUUID (	"d
GCEPersistentDiskVolumeSource
pdName (	
fsType (	
	partition (
readOnly ("+

GRPCAction
port (
service (	"N
GitRepoVolumeSource

repository (	
revision (	
	directory (	"p
GlusterfsPersistentVolumeSource
	endpoints (	
path (	
readOnly (
endpointsNamespace (	"J
GlusterfsVolumeSource
	endpoints (	
path (	
readOnly ("∞
HTTPGetAction
path (	>
port (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString
host (	
scheme (	3
httpHeaders (2.k8s.io.api.core.v1.HTTPHeader")

HTTPHeader
name (	
value (	"*
	HostAlias

ip (	
	hostnames (	"
HostIP

ip (	"2
HostPathVolumeSource
path (	
type (	"õ
ISCSIPersistentVolumeSource
targetPortal (	
iqn (	
lun (
iscsiInterface (	
fsType (	
readOnly (
portals (	
chapAuthDiscovery (
chapAuthSession (6
	secretRef
 (2#.k8s.io.api.core.v1.SecretReference
initiatorName (	"ñ
ISCSIVolumeSource
targetPortal (	
iqn (	
lun (
iscsiInterface (	
fsType (	
readOnly (
portals (	
chapAuthDiscovery (
chapAuthSession (;
	secretRef
 (2(.k8s.io.api.core.v1.LocalObjectReference
initiatorName (	":
ImageVolumeSource
	reference (	

pullPolicy (	"%
ImageVolumeStatus
imageRef (	"4
	KeyToPath
key (	
path (	
mode ("è
	Lifecycle7
	postStart (2$.k8s.io.api.core.v1.LifecycleHandler5
preStop (2$.k8s.io.api.core.v1.LifecycleHandler

stopSignal (	"‹
LifecycleHandler,
exec (2.k8s.io.api.core.v1.ExecAction2
httpGet (2!.k8s.io.api.core.v1.HTTPGetAction6
	tcpSocket (2#.k8s.io.api.core.v1.TCPSocketAction.
sleep (2.k8s.io.api.core.v1.SleepAction"Ç

LimitRangeB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta0
spec (2".k8s.io.api.core.v1.LimitRangeSpec"Ï
LimitRangeItem
type (	8
max (2+.k8s.io.api.core.v1.LimitRangeItem.MaxEntry8
min (2+.k8s.io.api.core.v1.LimitRangeItem.MinEntry@
default (2/.k8s.io.api.core.v1.LimitRangeItem.DefaultEntryN
defaultRequest (26.k8s.io.api.core.v1.LimitRangeItem.DefaultRequestEntryZ
maxLimitRequestRatio (2<.k8s.io.api.core.v1.LimitRangeItem.MaxLimitRequestRatioEntryZ
MaxEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8Z
MinEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8^
DefaultEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8e
DefaultRequestEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8k
MaxLimitRequestRatioEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"Å
LimitRangeList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta-
items (2.k8s.io.api.core.v1.LimitRange"D
LimitRangeSpec2
limits (2".k8s.io.api.core.v1.LimitRangeItem"J
LinuxContainerUser
uid (
gid (
supplementalGroups ("Ü
List@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta<
items (2-.k8s.io.apimachinery.pkg.runtime.RawExtension"r
LoadBalancerIngress

ip (	
hostname (	
ipMode (	-
ports (2.k8s.io.api.core.v1.PortStatus"N
LoadBalancerStatus8
ingress (2'.k8s.io.api.core.v1.LoadBalancerIngress"$
LocalObjectReference
name (	"1
LocalVolumeSource
path (	
fsType (	"M
ModifyVolumeStatus'
targetVolumeAttributesClassName (	
status (	"A
NFSVolumeSource
server (	
path (	
readOnly ("µ
	NamespaceB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta/
spec (2!.k8s.io.api.core.v1.NamespaceSpec3
status (2#.k8s.io.api.core.v1.NamespaceStatus"õ
NamespaceCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"
NamespaceList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta,
items (2.k8s.io.api.core.v1.Namespace"#
NamespaceSpec

finalizers (	"\
NamespaceStatus
phase (	:

conditions (2&.k8s.io.api.core.v1.NamespaceCondition"¶
NodeB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta*
spec (2.k8s.io.api.core.v1.NodeSpec.
status (2.k8s.io.api.core.v1.NodeStatus",
NodeAddress
type (	
address (	"Œ
NodeAffinityX
.requiredDuringSchedulingIgnoredDuringExecution (2 .k8s.io.api.core.v1.NodeSelectord
/preferredDuringSchedulingIgnoredDuringExecution (2+.k8s.io.api.core.v1.PreferredSchedulingTerm"è
"NodeAllocatableResourceClaimStatus
resourceClaimName (	

containers (	X
	resources (2E.k8s.io.api.core.v1.NodeAllocatableResourceClaimStatus.ResourcesEntry`
ResourcesEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"›
NodeCondition
type (	
status (	E
lastHeartbeatTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"T
NodeConfigSource@
	configMap (2-.k8s.io.api.core.v1.ConfigMapNodeConfigSource"Ã
NodeConfigStatus6
assigned (2$.k8s.io.api.core.v1.NodeConfigSource4
active (2$.k8s.io.api.core.v1.NodeConfigSource;
lastKnownGood (2$.k8s.io.api.core.v1.NodeConfigSource
error (	"R
NodeDaemonEndpoints;
kubeletEndpoint (2".k8s.io.api.core.v1.DaemonEndpoint"0
NodeFeatures 
supplementalGroupsPolicy ("u
NodeList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta'
items (2.k8s.io.api.core.v1.Node" 
NodeProxyOptions
path (	"d
NodeRuntimeHandler
name (	@
features (2..k8s.io.api.core.v1.NodeRuntimeHandlerFeatures"U
NodeRuntimeHandlerFeatures
recursiveReadOnlyMounts (
userNamespaces ("O
NodeSelector?
nodeSelectorTerms (2$.k8s.io.api.core.v1.NodeSelectorTerm"H
NodeSelectorRequirement
key (	
operator (	
values (	"õ
NodeSelectorTermE
matchExpressions (2+.k8s.io.api.core.v1.NodeSelectorRequirement@
matchFields (2+.k8s.io.api.core.v1.NodeSelectorRequirement"”
NodeSpec
podCIDR (	
podCIDRs (	

providerID (	
unschedulable ()
taints (2.k8s.io.api.core.v1.Taint:
configSource (2$.k8s.io.api.core.v1.NodeConfigSource

externalID (	"ï

NodeStatus>
capacity (2,.k8s.io.api.core.v1.NodeStatus.CapacityEntryD
allocatable (2/.k8s.io.api.core.v1.NodeStatus.AllocatableEntry
phase (	5

conditions (2!.k8s.io.api.core.v1.NodeCondition2
	addresses (2.k8s.io.api.core.v1.NodeAddress@
daemonEndpoints (2'.k8s.io.api.core.v1.NodeDaemonEndpoints4
nodeInfo (2".k8s.io.api.core.v1.NodeSystemInfo2
images (2".k8s.io.api.core.v1.ContainerImage
volumesInUse	 (	;
volumesAttached
 (2".k8s.io.api.core.v1.AttachedVolume4
config (2$.k8s.io.api.core.v1.NodeConfigStatus?
runtimeHandlers (2&.k8s.io.api.core.v1.NodeRuntimeHandler2
features (2 .k8s.io.api.core.v1.NodeFeatures
declaredFeatures (	_
CapacityEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8b
AllocatableEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8""
NodeSwapStatus
capacity ("£
NodeSystemInfo
	machineID (	

systemUUID (	
bootID (	
kernelVersion (	
osImage (	
containerRuntimeVersion (	
kubeletVersion (	
kubeProxyVersion (	
operatingSystem	 (	
architecture
 (	0
swap (2".k8s.io.api.core.v1.NodeSwapStatus"<
ObjectFieldSelector

apiVersion (	
	fieldPath (	"ç
ObjectReference
kind (	
	namespace (	
name (	
uid (	

apiVersion (	
resourceVersion (	
	fieldPath (	" 
PersistentVolumeB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta6
spec (2(.k8s.io.api.core.v1.PersistentVolumeSpec:
status (2*.k8s.io.api.core.v1.PersistentVolumeStatus"Ÿ
PersistentVolumeClaimB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
spec (2-.k8s.io.api.core.v1.PersistentVolumeClaimSpec?
status (2/.k8s.io.api.core.v1.PersistentVolumeClaimStatus"Í
PersistentVolumeClaimCondition
type (	
status (	A
lastProbeTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"ó
PersistentVolumeClaimList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta8
items (2).k8s.io.api.core.v1.PersistentVolumeClaim"£
PersistentVolumeClaimSpec
accessModes (	E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorA
	resources (2..k8s.io.api.core.v1.VolumeResourceRequirements

volumeName (	
storageClassName (	

volumeMode (	A

dataSource (2-.k8s.io.api.core.v1.TypedLocalObjectReference?
dataSourceRef (2(.k8s.io.api.core.v1.TypedObjectReference!
volumeAttributesClassName	 (	"Æ
PersistentVolumeClaimStatus
phase (	
accessModes (	O
capacity (2=.k8s.io.api.core.v1.PersistentVolumeClaimStatus.CapacityEntryF

conditions (22.k8s.io.api.core.v1.PersistentVolumeClaimConditionc
allocatedResources (2G.k8s.io.api.core.v1.PersistentVolumeClaimStatus.AllocatedResourcesEntryq
allocatedResourceStatuses (2N.k8s.io.api.core.v1.PersistentVolumeClaimStatus.AllocatedResourceStatusesEntry(
 currentVolumeAttributesClassName (	B
modifyVolumeStatus	 (2&.k8s.io.api.core.v1.ModifyVolumeStatus_
CapacityEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8i
AllocatedResourcesEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8@
AllocatedResourceStatusesEntry
key (	
value (	:8"†
PersistentVolumeClaimTemplateB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
spec (2-.k8s.io.api.core.v1.PersistentVolumeClaimSpec"H
!PersistentVolumeClaimVolumeSource
	claimName (	
readOnly ("ç
PersistentVolumeList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta3
items (2$.k8s.io.api.core.v1.PersistentVolume"Ω
PersistentVolumeSourceL
gcePersistentDisk (21.k8s.io.api.core.v1.GCEPersistentDiskVolumeSourceR
awsElasticBlockStore (24.k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource:
hostPath (2(.k8s.io.api.core.v1.HostPathVolumeSourceF
	glusterfs (23.k8s.io.api.core.v1.GlusterfsPersistentVolumeSource0
nfs (2#.k8s.io.api.core.v1.NFSVolumeSource:
rbd (2-.k8s.io.api.core.v1.RBDPersistentVolumeSource>
iscsi (2/.k8s.io.api.core.v1.ISCSIPersistentVolumeSource@
cinder (20.k8s.io.api.core.v1.CinderPersistentVolumeSource@
cephfs	 (20.k8s.io.api.core.v1.CephFSPersistentVolumeSource.
fc
 (2".k8s.io.api.core.v1.FCVolumeSource8
flocker (2'.k8s.io.api.core.v1.FlockerVolumeSourceB

flexVolume (2..k8s.io.api.core.v1.FlexPersistentVolumeSourceF
	azureFile (23.k8s.io.api.core.v1.AzureFilePersistentVolumeSourceI
vsphereVolume (22.k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource8
quobyte (2'.k8s.io.api.core.v1.QuobyteVolumeSource<
	azureDisk (2).k8s.io.api.core.v1.AzureDiskVolumeSourceR
photonPersistentDisk (24.k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource@
portworxVolume (2(.k8s.io.api.core.v1.PortworxVolumeSourceB
scaleIO (21.k8s.io.api.core.v1.ScaleIOPersistentVolumeSource4
local (2%.k8s.io.api.core.v1.LocalVolumeSourceF
	storageos (23.k8s.io.api.core.v1.StorageOSPersistentVolumeSource:
csi (2-.k8s.io.api.core.v1.CSIPersistentVolumeSource"•
PersistentVolumeSpecH
capacity (26.k8s.io.api.core.v1.PersistentVolumeSpec.CapacityEntryJ
persistentVolumeSource (2*.k8s.io.api.core.v1.PersistentVolumeSource
accessModes (	5
claimRef (2#.k8s.io.api.core.v1.ObjectReference%
persistentVolumeReclaimPolicy (	
storageClassName (	
mountOptions (	

volumeMode (	<
nodeAffinity	 (2&.k8s.io.api.core.v1.VolumeNodeAffinity!
volumeAttributesClassName
 (	_
CapacityEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"ï
PersistentVolumeStatus
phase (	
message (	
reason (	K
lastPhaseTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"@
 PhotonPersistentDiskVolumeSource
pdID (	
fsType (	"£
PodB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta)
spec (2.k8s.io.api.core.v1.PodSpec-
status (2.k8s.io.api.core.v1.PodStatus"–
PodAffinity[
.requiredDuringSchedulingIgnoredDuringExecution (2#.k8s.io.api.core.v1.PodAffinityTermd
/preferredDuringSchedulingIgnoredDuringExecution (2+.k8s.io.api.core.v1.WeightedPodAffinityTerm"â
PodAffinityTermJ
labelSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector

namespaces (	
topologyKey (	N
namespaceSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
matchLabelKeys (	
mismatchLabelKeys (	"‘
PodAntiAffinity[
.requiredDuringSchedulingIgnoredDuringExecution (2#.k8s.io.api.core.v1.PodAffinityTermd
/preferredDuringSchedulingIgnoredDuringExecution (2+.k8s.io.api.core.v1.WeightedPodAffinityTerm"a
PodAttachOptions
stdin (
stdout (
stderr (
tty (
	container (	"æ
PodCertificateProjection

signerName (	
keyType (	
maxExpirationSeconds (
credentialBundlePath (	
keyPath (	
certificateChainPath (	Z
userAnnotations (2A.k8s.io.api.core.v1.PodCertificateProjection.UserAnnotationsEntry6
UserAnnotationsEntry
key (	
value (	:8"Ù
PodCondition
type (	
observedGeneration (
status (	A
lastProbeTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"n
PodDNSConfig
nameservers (	
searches (	7
options (2&.k8s.io.api.core.v1.PodDNSConfigOption"1
PodDNSConfigOption
name (	
value (	"p
PodExecOptions
stdin (
stdout (
stderr (
tty (
	container (	
command (	"ä
PodExtendedResourceClaimStatusM
requestMappings (24.k8s.io.api.core.v1.ContainerExtendedResourceRequest
resourceClaimName (	"
PodIP

ip (	"s
PodList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta&
items (2.k8s.io.api.core.v1.Pod"ä
PodLogOptions
	container (	
follow (
previous (
sinceSeconds (=
	sinceTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time

timestamps (
	tailLines (

limitBytes ($
insecureSkipTLSVerifyBackend	 (
stream
 (	"
PodOS
name (	"&
PodPortForwardOptions
ports ("
PodProxyOptions
path (	")
PodReadinessGate
conditionType (	"^
PodResourceClaim
name (	
resourceClaimName (	!
resourceClaimTemplateName (	"A
PodResourceClaimStatus
name (	
resourceClaimName (	"!
PodSchedulingGate
name (	"*
PodSchedulingGroup
podGroupName (	"à
PodSecurityContext:
seLinuxOptions (2".k8s.io.api.core.v1.SELinuxOptionsI
windowsOptions (21.k8s.io.api.core.v1.WindowsSecurityContextOptions
	runAsUser (

runAsGroup (
runAsNonRoot (
supplementalGroups ( 
supplementalGroupsPolicy (	
fsGroup (+
sysctls (2.k8s.io.api.core.v1.Sysctl
fsGroupChangePolicy	 (	:
seccompProfile
 (2".k8s.io.api.core.v1.SeccompProfile<
appArmorProfile (2#.k8s.io.api.core.v1.AppArmorProfile
seLinuxChangePolicy (	"[
PodSignatureK
podController (24.k8s.io.apimachinery.pkg.apis.meta.v1.OwnerReference"µ
PodSpec+
volumes (2.k8s.io.api.core.v1.Volume5
initContainers (2.k8s.io.api.core.v1.Container1

containers (2.k8s.io.api.core.v1.ContainerC
ephemeralContainers" (2&.k8s.io.api.core.v1.EphemeralContainer
restartPolicy (	%
terminationGracePeriodSeconds (
activeDeadlineSeconds (
	dnsPolicy (	C
nodeSelector (2-.k8s.io.api.core.v1.PodSpec.NodeSelectorEntry
serviceAccountName (	
serviceAccount	 (	$
automountServiceAccountToken (
nodeName
 (	
hostNetwork (
hostPID (
hostIPC (
shareProcessNamespace (?
securityContext (2&.k8s.io.api.core.v1.PodSecurityContextB
imagePullSecrets (2(.k8s.io.api.core.v1.LocalObjectReference
hostname (	
	subdomain (	.
affinity (2.k8s.io.api.core.v1.Affinity
schedulerName (	3
tolerations (2.k8s.io.api.core.v1.Toleration2
hostAliases (2.k8s.io.api.core.v1.HostAlias
priorityClassName (	
priority (3
	dnsConfig (2 .k8s.io.api.core.v1.PodDNSConfig<
readinessGates (2$.k8s.io.api.core.v1.PodReadinessGate
runtimeClassName (	
enableServiceLinks (
preemptionPolicy (	;
overhead  (2).k8s.io.api.core.v1.PodSpec.OverheadEntryO
topologySpreadConstraints! (2,.k8s.io.api.core.v1.TopologySpreadConstraint
setHostnameAsFQDN# (%
os$ (2.k8s.io.api.core.v1.PodOS
	hostUsers% (>
schedulingGates& (2%.k8s.io.api.core.v1.PodSchedulingGate<
resourceClaims' (2$.k8s.io.api.core.v1.PodResourceClaim;
	resources( (2(.k8s.io.api.core.v1.ResourceRequirements
hostnameOverride) (	?
schedulingGroup+ (2&.k8s.io.api.core.v1.PodSchedulingGroup3
NodeSelectorEntry
key (	
value (	:8_
OverheadEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"“
	PodStatus
observedGeneration (
phase (	4

conditions (2 .k8s.io.api.core.v1.PodCondition
message (	
reason (	
nominatedNodeName (	
hostIP (	+
hostIPs (2.k8s.io.api.core.v1.HostIP
podIP (	)
podIPs (2.k8s.io.api.core.v1.PodIP=
	startTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeB
initContainerStatuses
 (2#.k8s.io.api.core.v1.ContainerStatus>
containerStatuses (2#.k8s.io.api.core.v1.ContainerStatus
qosClass	 (	G
ephemeralContainerStatuses (2#.k8s.io.api.core.v1.ContainerStatus
resize (	I
resourceClaimStatuses (2*.k8s.io.api.core.v1.PodResourceClaimStatusW
extendedResourceClaimStatus (22.k8s.io.api.core.v1.PodExtendedResourceClaimStatusQ
allocatedResources (25.k8s.io.api.core.v1.PodStatus.AllocatedResourcesEntry;
	resources (2(.k8s.io.api.core.v1.ResourceRequirementsd
$nodeAllocatableResourceClaimStatuses (26.k8s.io.api.core.v1.NodeAllocatableResourceClaimStatusi
AllocatedResourcesEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"à
PodTemplateB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta5
template (2#.k8s.io.api.core.v1.PodTemplateSpec"É
PodTemplateList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta.
items (2.k8s.io.api.core.v1.PodTemplate"Ä
PodTemplateSpecB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta)
spec (2.k8s.io.api.core.v1.PodSpec";

PortStatus
port (
protocol (	
error (	"J
PortworxVolumeSource
volumeID (	
fsType (	
readOnly ("
Preconditions
uid (	"±
PreferAvoidPodsEntry6
podSignature (2 .k8s.io.api.core.v1.PodSignature@
evictionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"c
PreferredSchedulingTerm
weight (8

preference (2$.k8s.io.api.core.v1.NodeSelectorTerm"·
Probe1
handler (2 .k8s.io.api.core.v1.ProbeHandler
initialDelaySeconds (
timeoutSeconds (
periodSeconds (
successThreshold (
failureThreshold (%
terminationGracePeriodSeconds ("÷
ProbeHandler,
exec (2.k8s.io.api.core.v1.ExecAction2
httpGet (2!.k8s.io.api.core.v1.HTTPGetAction6
	tcpSocket (2#.k8s.io.api.core.v1.TCPSocketAction,
grpc (2.k8s.io.api.core.v1.GRPCAction"c
ProjectedVolumeSource5
sources (2$.k8s.io.api.core.v1.VolumeProjection
defaultMode ("v
QuobyteVolumeSource
registry (	
volume (	
readOnly (
user (	
group (	
tenant (	"√
RBDPersistentVolumeSource
monitors (	
image (	
fsType (	
pool (	
user (	
keyring (	6
	secretRef (2#.k8s.io.api.core.v1.SecretReference
readOnly ("æ
RBDVolumeSource
monitors (	
image (	
fsType (	
pool (	
user (	
keyring (	;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference
readOnly ("r
RangeAllocationB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
range (	
data ("Ÿ
ReplicationControllerB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
spec (2-.k8s.io.api.core.v1.ReplicationControllerSpec?
status (2/.k8s.io.api.core.v1.ReplicationControllerStatus"ß
ReplicationControllerCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"ó
ReplicationControllerList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta8
items (2).k8s.io.api.core.v1.ReplicationController"˝
ReplicationControllerSpec
replicas (
minReadySeconds (M
selector (2;.k8s.io.api.core.v1.ReplicationControllerSpec.SelectorEntry5
template (2#.k8s.io.api.core.v1.PodTemplateSpec/
SelectorEntry
key (	
value (	:8"„
ReplicationControllerStatus
replicas (
fullyLabeledReplicas (
readyReplicas (
availableReplicas (
observedGeneration (F

conditions (22.k8s.io.api.core.v1.ReplicationControllerCondition".
ResourceClaim
name (	
request (	"Å
ResourceFieldSelector
containerName (	
resource (	?
divisor (2..k8s.io.apimachinery.pkg.api.resource.Quantity"E
ResourceHealth

resourceID (	
health (	
message (	"¡
ResourceQuotaB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta3
spec (2%.k8s.io.api.core.v1.ResourceQuotaSpec7
status (2'.k8s.io.api.core.v1.ResourceQuotaStatus"á
ResourceQuotaList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta0
items (2!.k8s.io.api.core.v1.ResourceQuota"˘
ResourceQuotaSpec=
hard (2/.k8s.io.api.core.v1.ResourceQuotaSpec.HardEntry
scopes (	8
scopeSelector (2!.k8s.io.api.core.v1.ScopeSelector[
	HardEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"—
ResourceQuotaStatus?
hard (21.k8s.io.api.core.v1.ResourceQuotaStatus.HardEntry?
used (21.k8s.io.api.core.v1.ResourceQuotaStatus.UsedEntry[
	HardEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8[
	UsedEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"ô
ResourceRequirementsD
limits (24.k8s.io.api.core.v1.ResourceRequirements.LimitsEntryH
requests (26.k8s.io.api.core.v1.ResourceRequirements.RequestsEntry1
claims (2!.k8s.io.api.core.v1.ResourceClaim]
LimitsEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8_
RequestsEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"U
ResourceStatus
name (	5
	resources (2".k8s.io.api.core.v1.ResourceHealth"I
SELinuxOptions
user (	
role (	
type (	
level (	"Ü
ScaleIOPersistentVolumeSource
gateway (	
system (	6
	secretRef (2#.k8s.io.api.core.v1.SecretReference

sslEnabled (
protectionDomain (	
storagePool (	
storageMode (	

volumeName (	
fsType	 (	
readOnly
 ("Å
ScaleIOVolumeSource
gateway (	
system (	;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference

sslEnabled (
protectionDomain (	
storagePool (	
storageMode (	

volumeName (	
fsType	 (	
readOnly
 ("`
ScopeSelectorO
matchExpressions (25.k8s.io.api.core.v1.ScopedResourceSelectorRequirement"X
!ScopedResourceSelectorRequirement
	scopeName (	
operator (	
values (	"8
SeccompProfile
type (	
localhostProfile (	"¡
SecretB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
	immutable (2
data (2$.k8s.io.api.core.v1.Secret.DataEntry>

stringData (2*.k8s.io.api.core.v1.Secret.StringDataEntry
type (	+
	DataEntry
key (	
value (:81
StringDataEntry
key (	
value (	:8"k
SecretEnvSourceF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference
optional ("z
SecretKeySelectorF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference
key (	
optional ("y

SecretList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta)
items (2.k8s.io.api.core.v1.Secret"ö
SecretProjectionF
localObjectReference (2(.k8s.io.api.core.v1.LocalObjectReference,
items (2.k8s.io.api.core.v1.KeyToPath
optional ("2
SecretReference
name (	
	namespace (	"}
SecretVolumeSource

secretName (	,
items (2.k8s.io.api.core.v1.KeyToPath
defaultMode (
optional ("
SecurityContext6
capabilities (2 .k8s.io.api.core.v1.Capabilities

privileged (:
seLinuxOptions (2".k8s.io.api.core.v1.SELinuxOptionsI
windowsOptions
 (21.k8s.io.api.core.v1.WindowsSecurityContextOptions
	runAsUser (

runAsGroup (
runAsNonRoot (
readOnlyRootFilesystem ( 
allowPrivilegeEscalation (
	procMount	 (	:
seccompProfile (2".k8s.io.api.core.v1.SeccompProfile<
appArmorProfile (2#.k8s.io.api.core.v1.AppArmorProfile"M
SerializedReference6
	reference (2#.k8s.io.api.core.v1.ObjectReference"Ø
ServiceB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta-
spec (2.k8s.io.api.core.v1.ServiceSpec1
status (2!.k8s.io.api.core.v1.ServiceStatus"Ù
ServiceAccountB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta4
secrets (2#.k8s.io.api.core.v1.ObjectReferenceB
imagePullSecrets (2(.k8s.io.api.core.v1.LocalObjectReference$
automountServiceAccountToken ("â
ServiceAccountList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta1
items (2".k8s.io.api.core.v1.ServiceAccount"Z
ServiceAccountTokenProjection
audience (	
expirationSeconds (
path (	"{
ServiceList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta*
items (2.k8s.io.api.core.v1.Service"®
ServicePort
name (	
protocol (	
appProtocol (	
port (D

targetPort (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString
nodePort ("#
ServiceProxyOptions
path (	"¥
ServiceSpec.
ports (2.k8s.io.api.core.v1.ServicePort?
selector (2-.k8s.io.api.core.v1.ServiceSpec.SelectorEntry
	clusterIP (	

clusterIPs (	
type (	
externalIPs (	
sessionAffinity (	
loadBalancerIP (	 
loadBalancerSourceRanges	 (	
externalName
 (	
externalTrafficPolicy (	
healthCheckNodePort ( 
publishNotReadyAddresses (H
sessionAffinityConfig (2).k8s.io.api.core.v1.SessionAffinityConfig

ipFamilies (	
ipFamilyPolicy (	%
allocateLoadBalancerNodePorts (
loadBalancerClass (	
internalTrafficPolicy (	
trafficDistribution (	/
SelectorEntry
key (	
value (	:8"í
ServiceStatus<
loadBalancer (2&.k8s.io.api.core.v1.LoadBalancerStatusC

conditions (2/.k8s.io.apimachinery.pkg.apis.meta.v1.Condition"M
SessionAffinityConfig4
clientIP (2".k8s.io.api.core.v1.ClientIPConfig"
SleepAction
seconds ("®
StorageOSPersistentVolumeSource

volumeName (	
volumeNamespace (	
fsType (	
readOnly (6
	secretRef (2#.k8s.io.api.core.v1.ObjectReference"£
StorageOSVolumeSource

volumeName (	
volumeNamespace (	
fsType (	
readOnly (;
	secretRef (2(.k8s.io.api.core.v1.LocalObjectReference"%
Sysctl
name (	
value (	"_
TCPSocketAction>
port (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString
host (	"r
Taint
key (	
value (	
effect (	=
	timeAdded (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"e

Toleration
key (	
operator (	
value (	
effect (	
tolerationSeconds ("?
 TopologySelectorLabelRequirement
key (	
values (	"k
TopologySelectorTermS
matchLabelExpressions (24.k8s.io.api.core.v1.TopologySelectorLabelRequirement"â
TopologySpreadConstraint
maxSkew (
topologyKey (	
whenUnsatisfiable (	J
labelSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector

minDomains (
nodeAffinityPolicy (	
nodeTaintsPolicy (	
matchLabelKeys (	"I
TypedLocalObjectReference
apiGroup (	
kind (	
name (	"W
TypedObjectReference
apiGroup (	
kind (	
name (	
	namespace (	"N
Volume
name (	6
volumeSource (2 .k8s.io.api.core.v1.VolumeSource"0
VolumeDevice
name (	

devicePath (	"õ
VolumeMount
name (	
readOnly (
recursiveReadOnly (	
	mountPath (	
subPath (	
mountPropagation (	
subPathExpr (	"ô
VolumeMountStatus
name (	
	mountPath (	
readOnly (
recursiveReadOnly (	6
volumeStatus (2 .k8s.io.api.core.v1.VolumeStatus"H
VolumeNodeAffinity2
required (2 .k8s.io.api.core.v1.NodeSelector"®
VolumeProjection4
secret (2$.k8s.io.api.core.v1.SecretProjection>
downwardAPI (2).k8s.io.api.core.v1.DownwardAPIProjection:
	configMap (2'.k8s.io.api.core.v1.ConfigMapProjectionN
serviceAccountToken (21.k8s.io.api.core.v1.ServiceAccountTokenProjectionL
clusterTrustBundle (20.k8s.io.api.core.v1.ClusterTrustBundleProjectionD
podCertificate (2,.k8s.io.api.core.v1.PodCertificateProjection"¯
VolumeResourceRequirementsJ
limits (2:.k8s.io.api.core.v1.VolumeResourceRequirements.LimitsEntryN
requests (2<.k8s.io.api.core.v1.VolumeResourceRequirements.RequestsEntry]
LimitsEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8_
RequestsEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"œ
VolumeSource:
hostPath (2(.k8s.io.api.core.v1.HostPathVolumeSource:
emptyDir (2(.k8s.io.api.core.v1.EmptyDirVolumeSourceL
gcePersistentDisk (21.k8s.io.api.core.v1.GCEPersistentDiskVolumeSourceR
awsElasticBlockStore (24.k8s.io.api.core.v1.AWSElasticBlockStoreVolumeSource8
gitRepo (2'.k8s.io.api.core.v1.GitRepoVolumeSource6
secret (2&.k8s.io.api.core.v1.SecretVolumeSource0
nfs (2#.k8s.io.api.core.v1.NFSVolumeSource4
iscsi (2%.k8s.io.api.core.v1.ISCSIVolumeSource<
	glusterfs	 (2).k8s.io.api.core.v1.GlusterfsVolumeSourceT
persistentVolumeClaim
 (25.k8s.io.api.core.v1.PersistentVolumeClaimVolumeSource0
rbd (2#.k8s.io.api.core.v1.RBDVolumeSource8

flexVolume (2$.k8s.io.api.core.v1.FlexVolumeSource6
cinder (2&.k8s.io.api.core.v1.CinderVolumeSource6
cephfs (2&.k8s.io.api.core.v1.CephFSVolumeSource8
flocker (2'.k8s.io.api.core.v1.FlockerVolumeSource@
downwardAPI (2+.k8s.io.api.core.v1.DownwardAPIVolumeSource.
fc (2".k8s.io.api.core.v1.FCVolumeSource<
	azureFile (2).k8s.io.api.core.v1.AzureFileVolumeSource<
	configMap (2).k8s.io.api.core.v1.ConfigMapVolumeSourceI
vsphereVolume (22.k8s.io.api.core.v1.VsphereVirtualDiskVolumeSource8
quobyte (2'.k8s.io.api.core.v1.QuobyteVolumeSource<
	azureDisk (2).k8s.io.api.core.v1.AzureDiskVolumeSourceR
photonPersistentDisk (24.k8s.io.api.core.v1.PhotonPersistentDiskVolumeSource<
	projected (2).k8s.io.api.core.v1.ProjectedVolumeSource@
portworxVolume (2(.k8s.io.api.core.v1.PortworxVolumeSource8
scaleIO (2'.k8s.io.api.core.v1.ScaleIOVolumeSource<
	storageos (2).k8s.io.api.core.v1.StorageOSVolumeSource0
csi (2#.k8s.io.api.core.v1.CSIVolumeSource<
	ephemeral (2).k8s.io.api.core.v1.EphemeralVolumeSource4
image (2%.k8s.io.api.core.v1.ImageVolumeSource"D
VolumeStatus4
image (2%.k8s.io.api.core.v1.ImageVolumeStatus"x
VsphereVirtualDiskVolumeSource

volumePath (	
fsType (	
storagePolicyName (	
storagePolicyID (	"g
WeightedPodAffinityTerm
weight (<
podAffinityTerm (2#.k8s.io.api.core.v1.PodAffinityTerm"á
WindowsSecurityContextOptions
gmsaCredentialSpecName (	
gmsaCredentialSpec (	
runAsUserName (	
hostProcess (B4
io.kubernetes.client.protoBV1Zk8s.io/api/core/v1
ﬂ/
"k8s.io/api/apps/v1/generated.protok8s.io.api.apps.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto3k8s.io/apimachinery/pkg/util/intstr/generated.proto"ß
ControllerRevisionB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
data (2-.k8s.io.apimachinery.pkg.runtime.RawExtension
revision ("ë
ControllerRevisionList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta5
items (2&.k8s.io.api.apps.v1.ControllerRevision"µ
	DaemonSetB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta/
spec (2!.k8s.io.api.apps.v1.DaemonSetSpec3
status (2#.k8s.io.api.apps.v1.DaemonSetStatus"õ
DaemonSetCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"
DaemonSetList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta,
items (2.k8s.io.api.apps.v1.DaemonSet"â
DaemonSetSpecE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector5
template (2#.k8s.io.api.core.v1.PodTemplateSpecC
updateStrategy (2+.k8s.io.api.apps.v1.DaemonSetUpdateStrategy
minReadySeconds (
revisionHistoryLimit ("∆
DaemonSetStatus
currentNumberScheduled (
numberMisscheduled (
desiredNumberScheduled (
numberReady (
observedGeneration (
updatedNumberScheduled (
numberAvailable (
numberUnavailable (
collisionCount	 (:

conditions
 (2&.k8s.io.api.apps.v1.DaemonSetCondition"j
DaemonSetUpdateStrategy
type (	A
rollingUpdate (2*.k8s.io.api.apps.v1.RollingUpdateDaemonSet"∏

DeploymentB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta0
spec (2".k8s.io.api.apps.v1.DeploymentSpec4
status (2$.k8s.io.api.apps.v1.DeploymentStatus"‡
DeploymentCondition
type (	
status (	B
lastUpdateTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"Å
DeploymentList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta-
items (2.k8s.io.api.apps.v1.Deployment"¬
DeploymentSpec
replicas (E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector5
template (2#.k8s.io.api.core.v1.PodTemplateSpec8
strategy (2&.k8s.io.api.apps.v1.DeploymentStrategy
minReadySeconds (
revisionHistoryLimit (
paused (
progressDeadlineSeconds	 ("ö
DeploymentStatus
observedGeneration (
replicas (
updatedReplicas (
readyReplicas (
availableReplicas (
unavailableReplicas (
terminatingReplicas	 (;

conditions (2'.k8s.io.api.apps.v1.DeploymentCondition
collisionCount ("f
DeploymentStrategy
type (	B
rollingUpdate (2+.k8s.io.api.apps.v1.RollingUpdateDeployment"∏

ReplicaSetB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta0
spec (2".k8s.io.api.apps.v1.ReplicaSetSpec4
status (2$.k8s.io.api.apps.v1.ReplicaSetStatus"ú
ReplicaSetCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"Å
ReplicaSetList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta-
items (2.k8s.io.api.apps.v1.ReplicaSet"π
ReplicaSetSpec
replicas (
minReadySeconds (E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector5
template (2#.k8s.io.api.core.v1.PodTemplateSpec"Í
ReplicaSetStatus
replicas (
fullyLabeledReplicas (
readyReplicas (
availableReplicas (
terminatingReplicas (
observedGeneration (;

conditions (2'.k8s.io.api.apps.v1.ReplicaSetCondition"¶
RollingUpdateDaemonSetH
maxUnavailable (20.k8s.io.apimachinery.pkg.util.intstr.IntOrStringB
maxSurge (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString"ß
RollingUpdateDeploymentH
maxUnavailable (20.k8s.io.apimachinery.pkg.util.intstr.IntOrStringB
maxSurge (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString"
 RollingUpdateStatefulSetStrategy
	partition (H
maxUnavailable (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString"ª
StatefulSetB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta1
spec (2#.k8s.io.api.apps.v1.StatefulSetSpec5
status (2%.k8s.io.api.apps.v1.StatefulSetStatus"ù
StatefulSetCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"É
StatefulSetList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta.
items (2.k8s.io.api.apps.v1.StatefulSet"$
StatefulSetOrdinals
start ("Z
/StatefulSetPersistentVolumeClaimRetentionPolicy
whenDeleted (	

whenScaled (	"»
StatefulSetSpec
replicas (E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector5
template (2#.k8s.io.api.core.v1.PodTemplateSpecG
volumeClaimTemplates (2).k8s.io.api.core.v1.PersistentVolumeClaim
serviceName (	
podManagementPolicy (	E
updateStrategy (2-.k8s.io.api.apps.v1.StatefulSetUpdateStrategy
revisionHistoryLimit (
minReadySeconds	 (q
$persistentVolumeClaimRetentionPolicy
 (2C.k8s.io.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy9
ordinals (2'.k8s.io.api.apps.v1.StatefulSetOrdinals"¨
StatefulSetStatus
observedGeneration (
replicas (
readyReplicas (
currentReplicas (
updatedReplicas (
currentRevision (	
updateRevision (	
collisionCount	 (<

conditions
 (2(.k8s.io.api.apps.v1.StatefulSetCondition
availableReplicas ("v
StatefulSetUpdateStrategy
type (	K
rollingUpdate (24.k8s.io.api.apps.v1.RollingUpdateStatefulSetStrategyB8
io.kubernetes.client.protoBV1AppsZk8s.io/api/apps/v1
£
#k8s.io/api/batch/v1/generated.protok8s.io.api.batch.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"±
CronJobB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta.
spec (2 .k8s.io.api.batch.v1.CronJobSpec2
status (2".k8s.io.api.batch.v1.CronJobStatus"|
CronJobList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta+
items (2.k8s.io.api.batch.v1.CronJob"˝
CronJobSpec
schedule (	
timeZone (	
startingDeadlineSeconds (
concurrencyPolicy (	
suspend (9
jobTemplate (2$.k8s.io.api.batch.v1.JobTemplateSpec"
successfulJobsHistoryLimit (
failedJobsHistoryLimit ("“
CronJobStatus3
active (2#.k8s.io.api.core.v1.ObjectReferenceD
lastScheduleTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastSuccessfulTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"•
JobB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta*
spec (2.k8s.io.api.batch.v1.JobSpec.
status (2.k8s.io.api.batch.v1.JobStatus"ÿ
JobCondition
type (	
status (	A
lastProbeTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"t
JobList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta'
items (2.k8s.io.api.batch.v1.Job"≠
JobSpec
parallelism (
completions (
activeDeadlineSeconds (?
podFailurePolicy (2%.k8s.io.api.batch.v1.PodFailurePolicy9
successPolicy (2".k8s.io.api.batch.v1.SuccessPolicy
backoffLimit (
backoffLimitPerIndex (
maxFailedIndexes (E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
manualSelector (5
template (2#.k8s.io.api.core.v1.PodTemplateSpec
ttlSecondsAfterFinished (
completionMode	 (	
suspend
 (
podReplacementPolicy (	
	managedBy (	"ú
	JobStatus5

conditions (2!.k8s.io.api.batch.v1.JobCondition=
	startTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeB
completionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
active (
	succeeded (
failed (
terminating (
completedIndexes (	
failedIndexes
 (	M
uncountedTerminatedPods (2,.k8s.io.api.batch.v1.UncountedTerminatedPods
ready	 ("Å
JobTemplateSpecB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta*
spec (2.k8s.io.api.batch.v1.JobSpec"L
PodFailurePolicy8
rules (2).k8s.io.api.batch.v1.PodFailurePolicyRule"a
&PodFailurePolicyOnExitCodesRequirement
containerName (	
operator (	
values ("F
&PodFailurePolicyOnPodConditionsPattern
type (	
status (	"Œ
PodFailurePolicyRule
action (	P
onExitCodes (2;.k8s.io.api.batch.v1.PodFailurePolicyOnExitCodesRequirementT
onPodConditions (2;.k8s.io.api.batch.v1.PodFailurePolicyOnPodConditionsPattern"F
SuccessPolicy5
rules (2&.k8s.io.api.batch.v1.SuccessPolicyRule"E
SuccessPolicyRule
succeededIndexes (	
succeededCount ("<
UncountedTerminatedPods
	succeeded (	
failed (	B:
io.kubernetes.client.protoBV1BatchZk8s.io/api/batch/v1
Ô$
)k8s.io/api/autoscaling/v1/generated.protok8s.io.api.autoscaling.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"Æ
ContainerResourceMetricSource
name (	 
targetAverageUtilization (J
targetAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity
	container (	"∞
ContainerResourceMetricStatus
name (	!
currentAverageUtilization (K
currentAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity
	container (	"M
CrossVersionObjectReference
kind (	
name (	

apiVersion (	"à
ExternalMetricSource

metricName (	K
metricSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorC
targetValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityJ
targetAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"ä
ExternalMetricStatus

metricName (	K
metricSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorD
currentValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityK
currentAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"Ì
HorizontalPodAutoscalerB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaD
spec (26.k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerSpecH
status (28.k8s.io.api.autoscaling.v1.HorizontalPodAutoscalerStatus"≈
 HorizontalPodAutoscalerCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	
observedGeneration ("¢
HorizontalPodAutoscalerList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaA
items (22.k8s.io.api.autoscaling.v1.HorizontalPodAutoscaler"ø
HorizontalPodAutoscalerSpecN
scaleTargetRef (26.k8s.io.api.autoscaling.v1.CrossVersionObjectReference
minReplicas (
maxReplicas (&
targetCPUUtilizationPercentage ("Ÿ
HorizontalPodAutoscalerStatus
observedGeneration (A
lastScaleTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
currentReplicas (
desiredReplicas ('
currentCPUUtilizationPercentage ("Ô

MetricSpec
type (	=
object (2-.k8s.io.api.autoscaling.v1.ObjectMetricSource9
pods (2+.k8s.io.api.autoscaling.v1.PodsMetricSourceA
resource (2/.k8s.io.api.autoscaling.v1.ResourceMetricSourceS
containerResource (28.k8s.io.api.autoscaling.v1.ContainerResourceMetricSourceA
external (2/.k8s.io.api.autoscaling.v1.ExternalMetricSource"Ò
MetricStatus
type (	=
object (2-.k8s.io.api.autoscaling.v1.ObjectMetricStatus9
pods (2+.k8s.io.api.autoscaling.v1.PodsMetricStatusA
resource (2/.k8s.io.api.autoscaling.v1.ResourceMetricStatusS
containerResource (28.k8s.io.api.autoscaling.v1.ContainerResourceMetricStatusA
external (2/.k8s.io.api.autoscaling.v1.ExternalMetricStatus"¬
ObjectMetricSourceF
target (26.k8s.io.api.autoscaling.v1.CrossVersionObjectReference

metricName (	C
targetValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorD
averageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"√
ObjectMetricStatusF
target (26.k8s.io.api.autoscaling.v1.CrossVersionObjectReference

metricName (	D
currentValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorD
averageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"π
PodsMetricSource

metricName (	J
targetAverageValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector"∫
PodsMetricStatus

metricName (	K
currentAverageValue (2..k8s.io.apimachinery.pkg.api.resource.QuantityE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector"í
ResourceMetricSource
name (	 
targetAverageUtilization (J
targetAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"î
ResourceMetricStatus
name (	!
currentAverageUtilization (K
currentAverageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity"∑
ScaleB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta2
spec (2$.k8s.io.api.autoscaling.v1.ScaleSpec6
status (2&.k8s.io.api.autoscaling.v1.ScaleStatus"
	ScaleSpec
replicas ("1
ScaleStatus
replicas (
selector (	BF
io.kubernetes.client.protoBV1AutoscalingZk8s.io/api/autoscaling/v1
ÿ%
)k8s.io/api/autoscaling/v2/generated.protok8s.io.api.autoscaling.v2"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"y
ContainerResourceMetricSource
name (	7
target (2'.k8s.io.api.autoscaling.v2.MetricTarget
	container (	"
ContainerResourceMetricStatus
name (	=
current (2,.k8s.io.api.autoscaling.v2.MetricValueStatus
	container (	"M
CrossVersionObjectReference
kind (	
name (	

apiVersion (	"å
ExternalMetricSource;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier7
target (2'.k8s.io.api.autoscaling.v2.MetricTarget"í
ExternalMetricStatus;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier=
current (2,.k8s.io.api.autoscaling.v2.MetricValueStatus"F
HPAScalingPolicy
type (	
value (
periodSeconds ("Õ
HPAScalingRules"
stabilizationWindowSeconds (
selectPolicy (	=
policies (2+.k8s.io.api.autoscaling.v2.HPAScalingPolicyA
	tolerance (2..k8s.io.apimachinery.pkg.api.resource.Quantity"Ì
HorizontalPodAutoscalerB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaD
spec (26.k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerSpecH
status (28.k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerStatus"ù
HorizontalPodAutoscalerBehavior;
scaleUp (2*.k8s.io.api.autoscaling.v2.HPAScalingRules=
	scaleDown (2*.k8s.io.api.autoscaling.v2.HPAScalingRules"≈
 HorizontalPodAutoscalerCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	
observedGeneration ("¢
HorizontalPodAutoscalerList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaA
items (22.k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler"ù
HorizontalPodAutoscalerSpecN
scaleTargetRef (26.k8s.io.api.autoscaling.v2.CrossVersionObjectReference
minReplicas (
maxReplicas (6
metrics (2%.k8s.io.api.autoscaling.v2.MetricSpecL
behavior (2:.k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerBehavior"¬
HorizontalPodAutoscalerStatus
observedGeneration (A
lastScaleTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
currentReplicas (
desiredReplicas (?
currentMetrics (2'.k8s.io.api.autoscaling.v2.MetricStatusO

conditions (2;.k8s.io.api.autoscaling.v2.HorizontalPodAutoscalerCondition"g
MetricIdentifier
name (	E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector"Ô

MetricSpec
type (	=
object (2-.k8s.io.api.autoscaling.v2.ObjectMetricSource9
pods (2+.k8s.io.api.autoscaling.v2.PodsMetricSourceA
resource (2/.k8s.io.api.autoscaling.v2.ResourceMetricSourceS
containerResource (28.k8s.io.api.autoscaling.v2.ContainerResourceMetricSourceA
external (2/.k8s.io.api.autoscaling.v2.ExternalMetricSource"Ò
MetricStatus
type (	=
object (2-.k8s.io.api.autoscaling.v2.ObjectMetricStatus9
pods (2+.k8s.io.api.autoscaling.v2.PodsMetricStatusA
resource (2/.k8s.io.api.autoscaling.v2.ResourceMetricStatusS
containerResource (28.k8s.io.api.autoscaling.v2.ContainerResourceMetricStatusA
external (2/.k8s.io.api.autoscaling.v2.ExternalMetricStatus"Ω
MetricTarget
type (	=
value (2..k8s.io.apimachinery.pkg.api.resource.QuantityD
averageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity
averageUtilization ("¥
MetricValueStatus=
value (2..k8s.io.apimachinery.pkg.api.resource.QuantityD
averageValue (2..k8s.io.apimachinery.pkg.api.resource.Quantity
averageUtilization ("€
ObjectMetricSourceO
describedObject (26.k8s.io.api.autoscaling.v2.CrossVersionObjectReference7
target (2'.k8s.io.api.autoscaling.v2.MetricTarget;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier"·
ObjectMetricStatus;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier=
current (2,.k8s.io.api.autoscaling.v2.MetricValueStatusO
describedObject (26.k8s.io.api.autoscaling.v2.CrossVersionObjectReference"à
PodsMetricSource;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier7
target (2'.k8s.io.api.autoscaling.v2.MetricTarget"é
PodsMetricStatus;
metric (2+.k8s.io.api.autoscaling.v2.MetricIdentifier=
current (2,.k8s.io.api.autoscaling.v2.MetricValueStatus"]
ResourceMetricSource
name (	7
target (2'.k8s.io.api.autoscaling.v2.MetricTarget"c
ResourceMetricStatus
name (	=
current (2,.k8s.io.api.autoscaling.v2.MetricValueStatusBF
io.kubernetes.client.protoBV2AutoscalingZk8s.io/api/autoscaling/v2
î
$k8s.io/api/policy/v1/generated.protok8s.io.api.policy.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto3k8s.io/apimachinery/pkg/util/intstr/generated.proto"ö
EvictionB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaJ
deleteOptions (23.k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions"◊
PodDisruptionBudgetB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
spec (2-.k8s.io.api.policy.v1.PodDisruptionBudgetSpec?
status (2/.k8s.io.api.policy.v1.PodDisruptionBudgetStatus"ï
PodDisruptionBudgetList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta8
items (2).k8s.io.api.policy.v1.PodDisruptionBudget"ñ
PodDisruptionBudgetSpecF
minAvailable (20.k8s.io.apimachinery.pkg.util.intstr.IntOrStringE
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorH
maxUnavailable (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString"
unhealthyPodEvictionPolicy (	"õ
PodDisruptionBudgetStatus
observedGeneration (Y
disruptedPods (2B.k8s.io.api.policy.v1.PodDisruptionBudgetStatus.DisruptedPodsEntry
disruptionsAllowed (
currentHealthy (
desiredHealthy (
expectedPods (C

conditions (2/.k8s.io.apimachinery.pkg.apis.meta.v1.Condition`
DisruptedPodsEntry
key (	9
value (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time:8B<
io.kubernetes.client.protoBV1PolicyZk8s.io/api/policy/v1
´
"k8s.io/api/rbac/v1/generated.protok8s.io.api.rbac.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"d
AggregationRuleQ
clusterRoleSelectors (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector"æ
ClusterRoleB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta-
rules (2.k8s.io.api.rbac.v1.PolicyRule<
aggregationRule (2#.k8s.io.api.rbac.v1.AggregationRule"µ
ClusterRoleBindingB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta-
subjects (2.k8s.io.api.rbac.v1.Subject,
roleRef (2.k8s.io.api.rbac.v1.RoleRef"ë
ClusterRoleBindingList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta5
items (2&.k8s.io.api.rbac.v1.ClusterRoleBinding"É
ClusterRoleList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta.
items (2.k8s.io.api.rbac.v1.ClusterRole"q

PolicyRule
verbs (	
	apiGroups (	
	resources (	
resourceNames (	
nonResourceURLs (	"y
RoleB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta-
rules (2.k8s.io.api.rbac.v1.PolicyRule"Æ
RoleBindingB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta-
subjects (2.k8s.io.api.rbac.v1.Subject,
roleRef (2.k8s.io.api.rbac.v1.RoleRef"É
RoleBindingList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta.
items (2.k8s.io.api.rbac.v1.RoleBinding"u
RoleList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta'
items (2.k8s.io.api.rbac.v1.Role"7
RoleRef
apiGroup (	
kind (	
name (	"J
Subject
kind (	
apiGroup (	
name (	
	namespace (	B8
io.kubernetes.client.protoBV1RbacZk8s.io/api/rbac/v1
æ$
(k8s.io/api/networking/v1/generated.protok8s.io.api.networking.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto3k8s.io/apimachinery/pkg/util/intstr/generated.proto"l
HTTPIngressPath
path (	
pathType (	9
backend (2(.k8s.io.api.networking.v1.IngressBackend"P
HTTPIngressRuleValue8
paths (2).k8s.io.api.networking.v1.HTTPIngressPath"Ü
	IPAddressB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta5
spec (2'.k8s.io.api.networking.v1.IPAddressSpec"Ö
IPAddressList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta2
items (2#.k8s.io.api.networking.v1.IPAddress"M
IPAddressSpec<
	parentRef (2).k8s.io.api.networking.v1.ParentReference"'
IPBlock
cidr (	
except (	"ª
IngressB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta3
spec (2%.k8s.io.api.networking.v1.IngressSpec7
status (2'.k8s.io.api.networking.v1.IngressStatus"ì
IngressBackend@
service (2/.k8s.io.api.networking.v1.IngressServiceBackend?
resource (2-.k8s.io.api.core.v1.TypedLocalObjectReference"å
IngressClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta8
spec (2*.k8s.io.api.networking.v1.IngressClassSpec"ã
IngressClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta5
items (2&.k8s.io.api.networking.v1.IngressClass"q
IngressClassParametersReference
aPIGroup (	
kind (	
name (	
scope (	
	namespace (	"u
IngressClassSpec

controller (	M

parameters (29.k8s.io.api.networking.v1.IngressClassParametersReference"Å
IngressList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta0
items (2!.k8s.io.api.networking.v1.Ingress"v
IngressLoadBalancerIngress

ip (	
hostname (	:
ports (2+.k8s.io.api.networking.v1.IngressPortStatus"b
IngressLoadBalancerStatusE
ingress (24.k8s.io.api.networking.v1.IngressLoadBalancerIngress"B
IngressPortStatus
port (
protocol (	
error (	"a
IngressRule
host (	D
ingressRuleValue (2*.k8s.io.api.networking.v1.IngressRuleValue"P
IngressRuleValue<
http (2..k8s.io.api.networking.v1.HTTPIngressRuleValue"a
IngressServiceBackend
name (	:
port (2,.k8s.io.api.networking.v1.ServiceBackendPort"“
IngressSpec
ingressClassName (	@
defaultBackend (2(.k8s.io.api.networking.v1.IngressBackend1
tls (2$.k8s.io.api.networking.v1.IngressTLS4
rules (2%.k8s.io.api.networking.v1.IngressRule"Z
IngressStatusI
loadBalancer (23.k8s.io.api.networking.v1.IngressLoadBalancerStatus"/

IngressTLS
hosts (	

secretName (	"é
NetworkPolicyB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta9
spec (2+.k8s.io.api.networking.v1.NetworkPolicySpec"é
NetworkPolicyEgressRule:
ports (2+.k8s.io.api.networking.v1.NetworkPolicyPort7
to (2+.k8s.io.api.networking.v1.NetworkPolicyPeer"ë
NetworkPolicyIngressRule:
ports (2+.k8s.io.api.networking.v1.NetworkPolicyPort9
from (2+.k8s.io.api.networking.v1.NetworkPolicyPeer"ç
NetworkPolicyList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta6
items (2'.k8s.io.api.networking.v1.NetworkPolicy"·
NetworkPolicyPeerH
podSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorN
namespaceSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector2
ipBlock (2!.k8s.io.api.networking.v1.IPBlock"v
NetworkPolicyPort
protocol (	>
port (20.k8s.io.apimachinery.pkg.util.intstr.IntOrString
endPort ("˙
NetworkPolicySpecH
podSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorC
ingress (22.k8s.io.api.networking.v1.NetworkPolicyIngressRuleA
egress (21.k8s.io.api.networking.v1.NetworkPolicyEgressRule
policyTypes (	"S
ParentReference
group (	
resource (	
	namespace (	
name (	"2
ServiceBackendPort
name (	
number ("«
ServiceCIDRB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta7
spec (2).k8s.io.api.networking.v1.ServiceCIDRSpec;
status (2+.k8s.io.api.networking.v1.ServiceCIDRStatus"â
ServiceCIDRList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta4
items (2%.k8s.io.api.networking.v1.ServiceCIDR" 
ServiceCIDRSpec
cidrs (	"X
ServiceCIDRStatusC

conditions (2/.k8s.io.apimachinery.pkg.apis.meta.v1.ConditionBD
io.kubernetes.client.protoBV1NetworkingZk8s.io/api/networking/v1
ƒ
%k8s.io/api/storage/v1/generated.protok8s.io.api.storage.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"É
	CSIDriverB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta2
spec (2$.k8s.io.api.storage.v1.CSIDriverSpec"Ç
CSIDriverList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta/
items (2 .k8s.io.api.storage.v1.CSIDriver"Û
CSIDriverSpec
attachRequired (
podInfoOnMount (
volumeLifecycleModes (	
storageCapacity (
fsGroupPolicy (	:
tokenRequests (2#.k8s.io.api.storage.v1.TokenRequest
requiresRepublish (
seLinuxMount (*
"nodeAllocatableUpdatePeriodSeconds	 ($
serviceAccountTokenInSecrets
 (%
preventPodSchedulingIfMissing ("
CSINodeB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta0
spec (2".k8s.io.api.storage.v1.CSINodeSpec"Ñ
CSINodeDriver
name (	
nodeID (	
topologyKeys (	?
allocatable (2*.k8s.io.api.storage.v1.VolumeNodeResources"~
CSINodeList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta-
items (2.k8s.io.api.storage.v1.CSINode"D
CSINodeSpec5
drivers (2$.k8s.io.api.storage.v1.CSINodeDriver" 
CSIStorageCapacityB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaI
nodeTopology (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
storageClassName (	@
capacity (2..k8s.io.apimachinery.pkg.api.resource.QuantityI
maximumVolumeSize (2..k8s.io.apimachinery.pkg.api.resource.Quantity"î
CSIStorageCapacityList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta8
items (2).k8s.io.api.storage.v1.CSIStorageCapacity"é
StorageClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
provisioner (	G

parameters (23.k8s.io.api.storage.v1.StorageClass.ParametersEntry
reclaimPolicy (	
mountOptions (	
allowVolumeExpansion (
volumeBindingMode (	C
allowedTopologies (2(.k8s.io.api.core.v1.TopologySelectorTerm1
ParametersEntry
key (	
value (	:8"à
StorageClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta2
items (2#.k8s.io.api.storage.v1.StorageClass";
TokenRequest
audience (	
expirationSeconds ("–
VolumeAttachmentB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta9
spec (2+.k8s.io.api.storage.v1.VolumeAttachmentSpec=
status (2-.k8s.io.api.storage.v1.VolumeAttachmentStatus"ê
VolumeAttachmentList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta6
items (2'.k8s.io.api.storage.v1.VolumeAttachment"z
VolumeAttachmentSource
persistentVolumeName (	B
inlineVolumeSpec (2(.k8s.io.api.core.v1.PersistentVolumeSpec"y
VolumeAttachmentSpec
attacher (	=
source (2-.k8s.io.api.storage.v1.VolumeAttachmentSource
nodeName (	"∫
VolumeAttachmentStatus
attached (a
attachmentMetadata (2E.k8s.io.api.storage.v1.VolumeAttachmentStatus.AttachmentMetadataEntry7
attachError (2".k8s.io.api.storage.v1.VolumeError7
detachError (2".k8s.io.api.storage.v1.VolumeError9
AttachmentMetadataEntry
key (	
value (	:8"Ù
VolumeAttributesClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta

driverName (	P

parameters (2<.k8s.io.api.storage.v1.VolumeAttributesClass.ParametersEntry1
ParametersEntry
key (	
value (	:8"ö
VolumeAttributesClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta;
items (2,.k8s.io.api.storage.v1.VolumeAttributesClass"k
VolumeError8
time (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
message (	
	errorCode ("$
VolumeNodeResources
count (B>
io.kubernetes.client.protoB	V1StorageZk8s.io/api/storage/v1
à
(k8s.io/api/scheduling/v1/generated.protok8s.io.api.scheduling.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"®
PriorityClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
value (
globalDefault (
description (	
preemptionPolicy (	"ç
PriorityClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta6
items (2'.k8s.io.api.scheduling.v1.PriorityClassBD
io.kubernetes.client.protoBV1SchedulingZk8s.io/api/scheduling/v1
»
*k8s.io/api/coordination/v1/generated.protok8s.io.api.coordination.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"Ä
LeaseB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta3
spec (2%.k8s.io.api.coordination.v1.LeaseSpec"
	LeaseList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta0
items (2!.k8s.io.api.coordination.v1.Lease"ê
	LeaseSpec
holderIdentity (	
leaseDurationSeconds (D
acquireTime (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTimeB
	renewTime (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime
leaseTransitions (
strategy (	
preferredHolder (	BH
io.kubernetes.client.protoBV1CoordinationZk8s.io/api/coordination/v1
å
'k8s.io/api/discovery/v1/generated.protok8s.io.api.discovery.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"ë
Endpoint
	addresses (	?

conditions (2+.k8s.io.api.discovery.v1.EndpointConditions
hostname (	6
	targetRef (2#.k8s.io.api.core.v1.ObjectReferenceU
deprecatedTopology (29.k8s.io.api.discovery.v1.Endpoint.DeprecatedTopologyEntry
nodeName (	
zone (	5
hints (2&.k8s.io.api.discovery.v1.EndpointHints9
DeprecatedTopologyEntry
key (	
value (	:8"I
EndpointConditions
ready (
serving (
terminating ("w
EndpointHints2
forZones (2 .k8s.io.api.discovery.v1.ForZone2
forNodes (2 .k8s.io.api.discovery.v1.ForNode"Q
EndpointPort
name (	
protocol (	
port (
appProtocol (	"‘
EndpointSliceB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
addressType (	4
	endpoints (2!.k8s.io.api.discovery.v1.Endpoint4
ports (2%.k8s.io.api.discovery.v1.EndpointPort"å
EndpointSliceList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta5
items (2&.k8s.io.api.discovery.v1.EndpointSlice"
ForNode
name (	"
ForZone
name (	BB
io.kubernetes.client.protoBV1DiscoveryZk8s.io/api/discovery/v1
∑	
$k8s.io/api/events/v1/generated.protok8s.io.api.events.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"ì
EventB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaB
	eventTime (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime1
series (2!.k8s.io.api.events.v1.EventSeries
reportingController (	
reportingInstance (	
action (	
reason (	6
	regarding (2#.k8s.io.api.core.v1.ObjectReference4
related	 (2#.k8s.io.api.core.v1.ObjectReference
note
 (	
type (	9
deprecatedSource (2.k8s.io.api.core.v1.EventSourceL
deprecatedFirstTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeK
deprecatedLastTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
deprecatedCount ("y
	EventList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta*
items (2.k8s.io.api.events.v1.Event"g
EventSeries
count (I
lastObservedTime (2/.k8s.io.apimachinery.pkg.apis.meta.v1.MicroTimeB<
io.kubernetes.client.protoBV1EventsZk8s.io/api/events/v1
ﬂ
*k8s.io/api/certificates/v1/generated.protok8s.io.api.certificates.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"ı
CertificateSigningRequestB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaG
spec (29.k8s.io.api.certificates.v1.CertificateSigningRequestSpecK
status (2;.k8s.io.api.certificates.v1.CertificateSigningRequestStatus"Ô
"CertificateSigningRequestCondition
type (	
status (	
reason (	
message (	B
lastUpdateTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.TimeF
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"ß
CertificateSigningRequestList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaD
items (25.k8s.io.api.certificates.v1.CertificateSigningRequest"…
CertificateSigningRequestSpec
request (

signerName (	
expirationSeconds (
usages (	
username (	
uid (	
groups (	S
extra (2D.k8s.io.api.certificates.v1.CertificateSigningRequestSpec.ExtraEntryT

ExtraEntry
key (	5
value (2&.k8s.io.api.certificates.v1.ExtraValue:8"ä
CertificateSigningRequestStatusR

conditions (2>.k8s.io.api.certificates.v1.CertificateSigningRequestCondition
certificate ("

ExtraValue
items (	BH
io.kubernetes.client.protoBV1CertificatesZk8s.io/api/certificates/v1
£7
3k8s.io/api/admissionregistration/v1/generated.proto#k8s.io.api.admissionregistration.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"(
ApplyConfiguration

expression (	"7
AuditAnnotation
key (	
valueExpression (	"6
ExpressionWarning
fieldRef (	
warning (	"
	JSONPatch

expression (	"2
MatchCondition
name (	

expression (	"Û
MatchResourcesN
namespaceSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorK
objectSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorS
resourceRules (2<.k8s.io.api.admissionregistration.v1.NamedRuleWithOperationsZ
excludeResourceRules (2<.k8s.io.api.admissionregistration.v1.NamedRuleWithOperations
matchPolicy (	"≠
MutatingAdmissionPolicyB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaN
spec (2@.k8s.io.api.admissionregistration.v1.MutatingAdmissionPolicySpec"ª
MutatingAdmissionPolicyBindingB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaU
spec (2G.k8s.io.api.admissionregistration.v1.MutatingAdmissionPolicyBindingSpec"∫
"MutatingAdmissionPolicyBindingList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaR
items (2C.k8s.io.api.admissionregistration.v1.MutatingAdmissionPolicyBinding"∆
"MutatingAdmissionPolicyBindingSpec

policyName (	?
paramRef (2-.k8s.io.api.admissionregistration.v1.ParamRefK
matchResources (23.k8s.io.api.admissionregistration.v1.MatchResources"¨
MutatingAdmissionPolicyList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaK
items (2<.k8s.io.api.admissionregistration.v1.MutatingAdmissionPolicy"¥
MutatingAdmissionPolicySpecA
	paramKind (2..k8s.io.api.admissionregistration.v1.ParamKindM
matchConstraints (23.k8s.io.api.admissionregistration.v1.MatchResources@
	variables (2-.k8s.io.api.admissionregistration.v1.Variable@
	mutations (2-.k8s.io.api.admissionregistration.v1.Mutation
failurePolicy (	L
matchConditions (23.k8s.io.api.admissionregistration.v1.MatchCondition
reinvocationPolicy (	"∏
MutatingWebhook
name (	N
clientConfig (28.k8s.io.api.admissionregistration.v1.WebhookClientConfigF
rules (27.k8s.io.api.admissionregistration.v1.RuleWithOperations
failurePolicy (	
matchPolicy	 (	N
namespaceSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorK
objectSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
sideEffects (	
timeoutSeconds (
admissionReviewVersions (	
reinvocationPolicy
 (	L
matchConditions (23.k8s.io.api.admissionregistration.v1.MatchCondition"™
MutatingWebhookConfigurationB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaF
Webhooks (24.k8s.io.api.admissionregistration.v1.MutatingWebhook"∂
 MutatingWebhookConfigurationList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaP
items (2A.k8s.io.api.admissionregistration.v1.MutatingWebhookConfiguration"µ
Mutation
	patchType (	S
applyConfiguration (27.k8s.io.api.admissionregistration.v1.ApplyConfigurationA
	jsonPatch (2..k8s.io.api.admissionregistration.v1.JSONPatch"Ö
NamedRuleWithOperations
resourceNames (	S
ruleWithOperations (27.k8s.io.api.admissionregistration.v1.RuleWithOperations"-
	ParamKind

apiVersion (	
kind (	"ì
ParamRef
name (	
	namespace (	E
selector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
parameterNotFoundAction (	"P
Rule
	apiGroups (	
apiVersions (	
	resources (	
scope (	"a
RuleWithOperations

operations (	7
rule (2).k8s.io.api.admissionregistration.v1.Rule"O
ServiceReference
	namespace (	
name (	
path (	
port ("b
TypeCheckingR
expressionWarnings (26.k8s.io.api.admissionregistration.v1.ExpressionWarning"á
ValidatingAdmissionPolicyB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaP
spec (2B.k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicySpecT
status (2D.k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyStatus"ø
 ValidatingAdmissionPolicyBindingB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaW
spec (2I.k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec"æ
$ValidatingAdmissionPolicyBindingList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaT
items (2E.k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicyBinding"„
$ValidatingAdmissionPolicyBindingSpec

policyName (	?
paramRef (2-.k8s.io.api.admissionregistration.v1.ParamRefK
matchResources (23.k8s.io.api.admissionregistration.v1.MatchResources
validationActions (	"∞
ValidatingAdmissionPolicyList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaM
items (2>.k8s.io.api.admissionregistration.v1.ValidatingAdmissionPolicy"Ó
ValidatingAdmissionPolicySpecA
	paramKind (2..k8s.io.api.admissionregistration.v1.ParamKindM
matchConstraints (23.k8s.io.api.admissionregistration.v1.MatchResourcesD
validations (2/.k8s.io.api.admissionregistration.v1.Validation
failurePolicy (	N
auditAnnotations (24.k8s.io.api.admissionregistration.v1.AuditAnnotationL
matchConditions (23.k8s.io.api.admissionregistration.v1.MatchCondition@
	variables (2-.k8s.io.api.admissionregistration.v1.Variable"À
ValidatingAdmissionPolicyStatus
observedGeneration (G
typeChecking (21.k8s.io.api.admissionregistration.v1.TypeCheckingC

conditions (2/.k8s.io.apimachinery.pkg.apis.meta.v1.Condition"û
ValidatingWebhook
name (	N
clientConfig (28.k8s.io.api.admissionregistration.v1.WebhookClientConfigF
rules (27.k8s.io.api.admissionregistration.v1.RuleWithOperations
failurePolicy (	
matchPolicy	 (	N
namespaceSelector (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorK
objectSelector
 (23.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelector
sideEffects (	
timeoutSeconds (
admissionReviewVersions (	L
matchConditions (23.k8s.io.api.admissionregistration.v1.MatchCondition"Æ
ValidatingWebhookConfigurationB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaH
Webhooks (26.k8s.io.api.admissionregistration.v1.ValidatingWebhook"∫
"ValidatingWebhookConfigurationList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaR
items (2C.k8s.io.api.admissionregistration.v1.ValidatingWebhookConfiguration"\

Validation

Expression (	
message (	
reason (	
messageExpression (	",
Variable
Name (	

Expression (	"|
WebhookClientConfig
url (	F
service (25.k8s.io.api.admissionregistration.v1.ServiceReference
caBundle (BZ
io.kubernetes.client.protoBV1AdmissionregistrationZ#k8s.io/api/admissionregistration/v1
ñ<
Hk8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/generated.proto8k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"{
ConversionRequest
uid (	
desiredAPIVersion (	>
objects (2-.k8s.io.apimachinery.pkg.runtime.RawExtension"®
ConversionResponse
uid (	G
convertedObjects (2-.k8s.io.apimachinery.pkg.runtime.RawExtension<
result (2,.k8s.io.apimachinery.pkg.apis.meta.v1.Status"–
ConversionReview\
request (2K.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionRequest^
response (2L.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ConversionResponse"Ö
CustomResourceColumnDefinition
name (	
type (	
format (	
description (	
priority (
jsonPath (	"ä
CustomResourceConversion
strategy (	\
webhook (2K.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.WebhookConversion"Æ
CustomResourceDefinitionB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetad
spec (2V.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpech
status (2X.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus"∆
!CustomResourceDefinitionCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	
observedGeneration ("√
CustomResourceDefinitionList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaa
items (2R.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition"â
CustomResourceDefinitionNames
plural (	
singular (	

shortNames (	
kind (	
listKind (	

categories (	"ò
CustomResourceDefinitionSpec
group (	f
names (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames
scope (	k
versions (2Y.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersionf

conversion	 (2R.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion
preserveUnknownFields
 ("µ
CustomResourceDefinitionStatuso

conditions (2[.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionConditionn
acceptedNames (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames
storedVersions (	
observedGeneration ("±
CustomResourceDefinitionVersion
name (	
served (
storage (

deprecated (
deprecationWarning (	b
schema (2R.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceValidationj
subresources (2T.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourcesz
additionalPrinterColumns (2X.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinitionc
selectableFields	 (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.SelectableField"q
CustomResourceSubresourceScale
specReplicasPath (	
statusReplicasPath (	
labelSelectorPath (	"!
CustomResourceSubresourceStatus"
CustomResourceSubresourcesi
status (2Y.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceStatusg
scale (2X.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale"~
CustomResourceValidationb
openAPIV3Schema (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"9
ExternalDocumentation
description (	
url (	"
JSON
raw ("≤
JSONSchemaProps

id (	
schema (	
ref (	
description (	
type (	
format (	
title (	O
default (2>.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON
maximum	 (
exclusiveMaximum
 (
minimum (
exclusiveMinimum (
	maxLength (
	minLength (
pattern (	
maxItems (
minItems (
uniqueItems (

multipleOf (L
enum (2>.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON
maxProperties (
minProperties (
required (	_
items (2P.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArrayX
allOf (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsX
oneOf (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsX
anyOf (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsV
not (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsm

properties (2Y.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.PropertiesEntrym
additionalProperties (2O.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool{
patternProperties (2`.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.PatternPropertiesEntryq
dependencies  (2[.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.DependenciesEntryh
additionalItems! (2O.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBoolo
definitions" (2Z.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps.DefinitionsEntrye
externalDocs# (2O.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ExternalDocumentationO
example$ (2>.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSON
nullable% ((
 xKubernetesPreserveUnknownFields& (#
xKubernetesEmbeddedResource' (
xKubernetesIntOrString( (
xKubernetesListMapKeys) (	
xKubernetesListType* (	
xKubernetesMapType+ (	h
xKubernetesValidations, (2H.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ValidationRule|
PropertiesEntry
key (	X
value (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps:8É
PatternPropertiesEntry
key (	X
value (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps:8ã
DependenciesEntry
key (	e
value (2V.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray:8}
DefinitionsEntry
key (	X
value (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps:8"”
JSONSchemaPropsOrArrayY
schema (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps^
jSONSchemas (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"Ç
JSONSchemaPropsOrBool
allows (Y
schema (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps"ã
JSONSchemaPropsOrStringArrayY
schema (2I.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps
property (	"#
SelectableField
jsonPath (	"O
ServiceReference
	namespace (	
name (	
path (	
port ("Ü
ValidationRule
rule (	
message (	
messageExpression (	
reason (	
	fieldPath (	
optionalOldSelf ("ë
WebhookClientConfig
url (	[
service (2J.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.ServiceReference
caBundle ("ö
WebhookConversionc
clientConfig (2M.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.WebhookClientConfig 
conversionReviewVersions (	Bg
io.kubernetes.client.protoBV1ApiextensionsZ8k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1
’
,k8s.io/api/authentication/v1/generated.protok8s.io.api.authentication.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"S
BoundObjectReference
kind (	

apiVersion (	
name (	
uID (	"

ExtraValue
items (	"û
SelfSubjectReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaE
status (25.k8s.io.api.authentication.v1.SelfSubjectReviewStatus"S
SelfSubjectReviewStatus8
userInfo (2&.k8s.io.api.authentication.v1.UserInfo"“
TokenRequestB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta<
spec (2..k8s.io.api.authentication.v1.TokenRequestSpec@
status (20.k8s.io.api.authentication.v1.TokenRequestStatus"å
TokenRequestSpec
	audiences (	
expirationSeconds (J
boundObjectRef (22.k8s.io.api.authentication.v1.BoundObjectReference"l
TokenRequestStatus
token (	G
expirationTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"œ
TokenReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta;
spec (2-.k8s.io.api.authentication.v1.TokenReviewSpec?
status (2/.k8s.io.api.authentication.v1.TokenReviewStatus"3
TokenReviewSpec
token (	
	audiences (	"Ç
TokenReviewStatus
authenticated (4
user (2&.k8s.io.api.authentication.v1.UserInfo
	audiences (	
error (	"”
UserInfo
username (	
uid (	
groups (	@
extra (21.k8s.io.api.authentication.v1.UserInfo.ExtraEntryV

ExtraEntry
key (	7
value (2(.k8s.io.api.authentication.v1.ExtraValue:8BL
io.kubernetes.client.protoBV1AuthenticationZk8s.io/api/authentication/v1
ø
+k8s.io/api/authorization/v1/generated.protok8s.io.api.authorization.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"

ExtraValue
items (	"Ñ
FieldSelectorAttributes
rawSelector (	T
requirements (2>.k8s.io.apimachinery.pkg.apis.meta.v1.FieldSelectorRequirement"Ñ
LabelSelectorAttributes
rawSelector (	T
requirements (2>.k8s.io.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement"Í
LocalSubjectAccessReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaB
spec (24.k8s.io.api.authorization.v1.SubjectAccessReviewSpecF
status (26.k8s.io.api.authorization.v1.SubjectAccessReviewStatus"3
NonResourceAttributes
path (	
verb (	"9
NonResourceRule
verbs (	
nonResourceURLs (	"§
ResourceAttributes
	namespace (	
verb (	
group (	
version (	
resource (	
subresource (	
name (	K
fieldSelector (24.k8s.io.api.authorization.v1.FieldSelectorAttributesK
labelSelector	 (24.k8s.io.api.authorization.v1.LabelSelectorAttributes"Z
ResourceRule
verbs (	
	apiGroups (	
	resources (	
resourceNames (	"Ì
SelfSubjectAccessReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaF
spec (28.k8s.io.api.authorization.v1.SelfSubjectAccessReviewSpecF
status (26.k8s.io.api.authorization.v1.SubjectAccessReviewStatus"Ω
SelfSubjectAccessReviewSpecK
resourceAttributes (2/.k8s.io.api.authorization.v1.ResourceAttributesQ
nonResourceAttributes (22.k8s.io.api.authorization.v1.NonResourceAttributes"Í
SelfSubjectRulesReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaE
spec (27.k8s.io.api.authorization.v1.SelfSubjectRulesReviewSpecE
status (25.k8s.io.api.authorization.v1.SubjectRulesReviewStatus"/
SelfSubjectRulesReviewSpec
	namespace (	"Â
SubjectAccessReviewB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaB
spec (24.k8s.io.api.authorization.v1.SubjectAccessReviewSpecF
status (26.k8s.io.api.authorization.v1.SubjectAccessReviewStatus"ã
SubjectAccessReviewSpecK
resourceAttributes (2/.k8s.io.api.authorization.v1.ResourceAttributesQ
nonResourceAttributes (22.k8s.io.api.authorization.v1.NonResourceAttributes
user (	
groups (	N
extra (2?.k8s.io.api.authorization.v1.SubjectAccessReviewSpec.ExtraEntry
uid (	U

ExtraEntry
key (	6
value (2'.k8s.io.api.authorization.v1.ExtraValue:8"e
SubjectAccessReviewStatus
allowed (
denied (
reason (	
evaluationError (	"—
SubjectRulesReviewStatus@
resourceRules (2).k8s.io.api.authorization.v1.ResourceRuleF
nonResourceRules (2,.k8s.io.api.authorization.v1.NonResourceRule

incomplete (
evaluationError (	BJ
io.kubernetes.client.protoBV1AuthorizationZk8s.io/api/authorization/v1
À
)k8s.io/api/flowcontrol/v1/generated.protok8s.io.api.flowcontrol.v14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"]
 ExemptPriorityLevelConfiguration 
nominalConcurrencyShares (
lendablePercent ("'
FlowDistinguisherMethod
type (	"∆

FlowSchemaB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta7
spec (2).k8s.io.api.flowcontrol.v1.FlowSchemaSpec;
status (2+.k8s.io.api.flowcontrol.v1.FlowSchemaStatus"ú
FlowSchemaCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"à
FlowSchemaList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta4
items (2%.k8s.io.api.flowcontrol.v1.FlowSchema"§
FlowSchemaSpecb
priorityLevelConfiguration (2>.k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationReference
matchingPrecedence (O
distinguisherMethod (22.k8s.io.api.flowcontrol.v1.FlowDistinguisherMethodA
rules (22.k8s.io.api.flowcontrol.v1.PolicyRulesWithSubjects"V
FlowSchemaStatusB

conditions (2..k8s.io.api.flowcontrol.v1.FlowSchemaCondition"
GroupSubject
name (	"_
LimitResponse
type (	@
queuing (2/.k8s.io.api.flowcontrol.v1.QueuingConfiguration"æ
!LimitedPriorityLevelConfiguration 
nominalConcurrencyShares (?
limitResponse (2(.k8s.io.api.flowcontrol.v1.LimitResponse
lendablePercent (
borrowingLimitPercent ("?
NonResourcePolicyRule
verbs (	
nonResourceURLs (	"·
PolicyRulesWithSubjects4
subjects (2".k8s.io.api.flowcontrol.v1.SubjectD
resourceRules (2-.k8s.io.api.flowcontrol.v1.ResourcePolicyRuleJ
nonResourceRules (20.k8s.io.api.flowcontrol.v1.NonResourcePolicyRule"ˆ
PriorityLevelConfigurationB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetaG
spec (29.k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationSpecK
status (2;.k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationStatus"¨
#PriorityLevelConfigurationCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	"®
PriorityLevelConfigurationList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaD
items (25.k8s.io.api.flowcontrol.v1.PriorityLevelConfiguration"3
#PriorityLevelConfigurationReference
name (	" 
PriorityLevelConfigurationSpec
type (	M
limited (2<.k8s.io.api.flowcontrol.v1.LimitedPriorityLevelConfigurationK
exempt (2;.k8s.io.api.flowcontrol.v1.ExemptPriorityLevelConfiguration"v
 PriorityLevelConfigurationStatusR

conditions (2>.k8s.io.api.flowcontrol.v1.PriorityLevelConfigurationCondition"R
QueuingConfiguration
queues (
handSize (
queueLengthLimit ("s
ResourcePolicyRule
verbs (	
	apiGroups (	
	resources (	
clusterScope (

namespaces (	"8
ServiceAccountSubject
	namespace (	
name (	"œ
Subject
kind (	4
user (2&.k8s.io.api.flowcontrol.v1.UserSubject6
group (2'.k8s.io.api.flowcontrol.v1.GroupSubjectH
serviceAccount (20.k8s.io.api.flowcontrol.v1.ServiceAccountSubject"
UserSubject
name (	BF
io.kubernetes.client.protoBV1FlowcontrolZk8s.io/api/flowcontrol/v1
™
"k8s.io/api/node/v1/generated.protok8s.io.api.node.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"©
Overhead<
podFixed (2*.k8s.io.api.node.v1.Overhead.PodFixedEntry_
PodFixedEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"«
RuntimeClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta
handler (	.
overhead (2.k8s.io.api.node.v1.Overhead2

scheduling (2.k8s.io.api.node.v1.Scheduling"Ö
RuntimeClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta/
items (2 .k8s.io.api.node.v1.RuntimeClass"æ

SchedulingF
nodeSelector (20.k8s.io.api.node.v1.Scheduling.NodeSelectorEntry3
tolerations (2.k8s.io.api.core.v1.Toleration3
NodeSelectorEntry
key (	
value (	:8B8
io.kubernetes.client.protoBV1NodeZk8s.io/api/node/v1
úA
&k8s.io/api/resource/v1/generated.protok8s.io.api.resource.v1"k8s.io/api/core/v1/generated.proto4k8s.io/apimachinery/pkg/api/resource/generated.proto4k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"ò
AllocatedDeviceStatus
driver (	
pool (	
device (	
shareID (	C

conditions (2/.k8s.io.apimachinery.pkg.apis.meta.v1.Condition;
data (2-.k8s.io.apimachinery.pkg.runtime.RawExtension>
networkData (2).k8s.io.api.resource.v1.NetworkDeviceData"‘
AllocationResult?
devices (2..k8s.io.api.resource.v1.DeviceAllocationResult6
nodeSelector (2 .k8s.io.api.core.v1.NodeSelectorG
allocationTimestamp (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"'
CELDeviceSelector

expression (	"Â
CapacityRequestPolicy?
default (2..k8s.io.apimachinery.pkg.api.resource.QuantityC
validValues (2..k8s.io.apimachinery.pkg.api.resource.QuantityF

validRange (22.k8s.io.api.resource.v1.CapacityRequestPolicyRange"‘
CapacityRequestPolicyRange;
min (2..k8s.io.apimachinery.pkg.api.resource.Quantity;
max (2..k8s.io.apimachinery.pkg.api.resource.Quantity<
step (2..k8s.io.apimachinery.pkg.api.resource.Quantity"≈
CapacityRequirementsL
requests (2:.k8s.io.api.resource.v1.CapacityRequirements.RequestsEntry_
RequestsEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"H
Counter=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity"∞

CounterSet
name (	B
counters (20.k8s.io.api.resource.v1.CounterSet.CountersEntryP
CountersEntry
key (	.
value (2.k8s.io.api.resource.v1.Counter:8"é
Device
name (	B

attributes (2..k8s.io.api.resource.v1.Device.AttributesEntry>
capacity (2,.k8s.io.api.resource.v1.Device.CapacityEntryJ
consumesCounters (20.k8s.io.api.resource.v1.DeviceCounterConsumption
nodeName (	6
nodeSelector (2 .k8s.io.api.core.v1.NodeSelector
allNodes (3
taints (2#.k8s.io.api.resource.v1.DeviceTaint
bindsToNode	 (
bindingConditions
 (	 
bindingFailureConditions (	 
allowMultipleAllocations (l
nodeAllocatableResourceMappings (2C.k8s.io.api.resource.v1.Device.NodeAllocatableResourceMappingsEntryZ
AttributesEntry
key (	6
value (2'.k8s.io.api.resource.v1.DeviceAttribute:8W
CapacityEntry
key (	5
value (2&.k8s.io.api.resource.v1.DeviceCapacity:8~
$NodeAllocatableResourceMappingsEntry
key (	E
value (26.k8s.io.api.resource.v1.NodeAllocatableResourceMapping:8"ã
DeviceAllocationConfiguration
source (	
requests (	H
deviceConfiguration (2+.k8s.io.api.resource.v1.DeviceConfiguration"ß
DeviceAllocationResultF
results (25.k8s.io.api.resource.v1.DeviceRequestAllocationResultE
config (25.k8s.io.api.resource.v1.DeviceAllocationConfiguration"ç
DeviceAttribute
int (
bool (
string (	
version (	
ints (
bools (
strings (	
versions	 (	"ï
DeviceCapacity=
value (2..k8s.io.apimachinery.pkg.api.resource.QuantityD
requestPolicy (2-.k8s.io.api.resource.v1.CapacityRequestPolicy"«
DeviceClaim7
requests (2%.k8s.io.api.resource.v1.DeviceRequest=
constraints (2(.k8s.io.api.resource.v1.DeviceConstraint@
config (20.k8s.io.api.resource.v1.DeviceClaimConfiguration"v
DeviceClaimConfiguration
requests (	H
deviceConfiguration (2+.k8s.io.api.resource.v1.DeviceConfiguration"à
DeviceClassB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta5
spec (2'.k8s.io.api.resource.v1.DeviceClassSpec"d
DeviceClassConfigurationH
deviceConfiguration (2+.k8s.io.api.resource.v1.DeviceConfiguration"á
DeviceClassList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta2
items (2#.k8s.io.api.resource.v1.DeviceClass"¨
DeviceClassSpec9
	selectors (2&.k8s.io.api.resource.v1.DeviceSelector@
config (20.k8s.io.api.resource.v1.DeviceClassConfiguration
extendedResourceName (	"X
DeviceConfigurationA
opaque (21.k8s.io.api.resource.v1.OpaqueDeviceConfiguration"W
DeviceConstraint
requests (	
matchAttribute (	
distinctAttribute (	"“
DeviceCounterConsumption

counterSet (	P
counters (2>.k8s.io.api.resource.v1.DeviceCounterConsumption.CountersEntryP
CountersEntry
key (	.
value (2.k8s.io.api.resource.v1.Counter:8"ú
DeviceRequest
name (	;
exactly (2*.k8s.io.api.resource.v1.ExactDeviceRequest@
firstAvailable (2(.k8s.io.api.resource.v1.DeviceSubRequest"–
DeviceRequestAllocationResult
request (	
driver (	
pool (	
device (	
adminAccess (=
tolerations (2(.k8s.io.api.resource.v1.DeviceToleration
bindingConditions (	 
bindingFailureConditions (	
shareID	 (	e
consumedCapacity
 (2K.k8s.io.api.resource.v1.DeviceRequestAllocationResult.ConsumedCapacityEntryg
ConsumedCapacityEntry
key (	=
value (2..k8s.io.apimachinery.pkg.api.resource.Quantity:8"H
DeviceSelector6
cel (2).k8s.io.api.resource.v1.CELDeviceSelector"ö
DeviceSubRequest
name (	
deviceClassName (	9
	selectors (2&.k8s.io.api.resource.v1.DeviceSelector
allocationMode (	
count (=
tolerations (2(.k8s.io.api.resource.v1.DeviceToleration>
capacity (2,.k8s.io.api.resource.v1.CapacityRequirements"x
DeviceTaint
key (	
value (	
effect (	=
	timeAdded (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time"k
DeviceToleration
key (	
operator (	
value (	
effect (	
tolerationSeconds ("£
ExactDeviceRequest
deviceClassName (	9
	selectors (2&.k8s.io.api.resource.v1.DeviceSelector
allocationMode (	
count (
adminAccess (=
tolerations (2(.k8s.io.api.resource.v1.DeviceToleration>
capacity (2,.k8s.io.api.resource.v1.CapacityRequirements"P
NetworkDeviceData
interfaceName (	
ips (	
hardwareAddress (	"É
NodeAllocatableResourceMapping
capacityKey (	L
allocationMultiplier (2..k8s.io.apimachinery.pkg.api.resource.Quantity"n
OpaqueDeviceConfiguration
driver (	A

parameters (2-.k8s.io.apimachinery.pkg.runtime.RawExtension"…
ResourceClaimB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta7
spec (2).k8s.io.api.resource.v1.ResourceClaimSpec;
status (2+.k8s.io.api.resource.v1.ResourceClaimStatus"_
ResourceClaimConsumerReference
apiGroup (	
resource (	
name (	
uid (	"ã
ResourceClaimList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta4
items (2%.k8s.io.api.resource.v1.ResourceClaim"I
ResourceClaimSpec4
devices (2#.k8s.io.api.resource.v1.DeviceClaim"‡
ResourceClaimStatus<

allocation (2(.k8s.io.api.resource.v1.AllocationResultK
reservedFor (26.k8s.io.api.resource.v1.ResourceClaimConsumerReference>
devices (2-.k8s.io.api.resource.v1.AllocatedDeviceStatus"ú
ResourceClaimTemplateB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta?
spec (21.k8s.io.api.resource.v1.ResourceClaimTemplateSpec"õ
ResourceClaimTemplateList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta<
items (2-.k8s.io.api.resource.v1.ResourceClaimTemplate"ò
ResourceClaimTemplateSpecB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta7
spec (2).k8s.io.api.resource.v1.ResourceClaimSpec"L
ResourcePool
name (	

generation (
resourceSliceCount ("å
ResourceSliceB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta7
spec (2).k8s.io.api.resource.v1.ResourceSliceSpec"ã
ResourceSliceList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMeta4
items (2%.k8s.io.api.resource.v1.ResourceSlice"¿
ResourceSliceSpec
driver (	2
pool (2$.k8s.io.api.resource.v1.ResourcePool
nodeName (	6
nodeSelector (2 .k8s.io.api.core.v1.NodeSelector
allNodes (/
devices (2.k8s.io.api.resource.v1.Device
perDeviceNodeSelection (:
sharedCounters (2".k8s.io.api.resource.v1.CounterSetB@
io.kubernetes.client.protoB
V1ResourceZk8s.io/api/resource/v1
Ú@
Mk8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1/generated.proto=k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta14k8s.io/apimachinery/pkg/apis/meta/v1/generated.proto/k8s.io/apimachinery/pkg/runtime/generated.proto6k8s.io/apimachinery/pkg/runtime/schema/generated.proto"{
ConversionRequest
uid (	
desiredAPIVersion (	>
objects (2-.k8s.io.apimachinery.pkg.runtime.RawExtension"®
ConversionResponse
uid (	G
convertedObjects (2-.k8s.io.apimachinery.pkg.runtime.RawExtension<
result (2,.k8s.io.apimachinery.pkg.apis.meta.v1.Status"⁄
ConversionReviewa
request (2P.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ConversionRequestc
response (2Q.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ConversionResponse"Ö
CustomResourceColumnDefinition
name (	
type (	
format (	
description (	
priority (
JSONPath (	"ø
CustomResourceConversion
strategy (	o
webhookClientConfig (2R.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.WebhookClientConfig 
conversionReviewVersions (	"∏
CustomResourceDefinitionB
metadata (20.k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMetai
spec (2[.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionSpecm
status (2].k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionStatus"∆
!CustomResourceDefinitionCondition
type (	
status (	F
lastTransitionTime (2*.k8s.io.apimachinery.pkg.apis.meta.v1.Time
reason (	
message (	
observedGeneration ("»
CustomResourceDefinitionList@
metadata (2..k8s.io.apimachinery.pkg.apis.meta.v1.ListMetaf
items (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinition"â
CustomResourceDefinitionNames
plural (	
singular (	

shortNames (	
kind (	
listKind (	

categories (	"Å
CustomResourceDefinitionSpec
group (	
version (	k
names (2\.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionNames
scope (	k

validation (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceValidationo
subresources (2Y.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresourcesp
versions (2^.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionVersion
additionalPrinterColumns (2].k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceColumnDefinitionh
selectableFields (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.SelectableFieldk

conversion	 (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceConversion
preserveUnknownFields
 ("ø
CustomResourceDefinitionStatust

conditions (2`.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionConditions
acceptedNames (2\.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceDefinitionNames
storedVersions (	
observedGeneration ("≈
CustomResourceDefinitionVersion
name (	
served (
storage (

deprecated (
deprecationWarning (	g
schema (2W.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceValidationo
subresources (2Y.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresources
additionalPrinterColumns (2].k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceColumnDefinitionh
selectableFields	 (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.SelectableField"q
CustomResourceSubresourceScale
specReplicasPath (	
statusReplicasPath (	
labelSelectorPath (	"!
CustomResourceSubresourceStatus"˙
CustomResourceSubresourcesn
status (2^.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresourceStatusl
scale (2].k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.CustomResourceSubresourceScale"É
CustomResourceValidationg
openAPIV3Schema (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps"9
ExternalDocumentation
description (	
url (	"
JSON
raw ("ô
JSONSchemaProps

id (	
schema (	
ref (	
description (	
type (	
format (	
title (	T
default (2C.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSON
maximum	 (
exclusiveMaximum
 (
minimum (
exclusiveMinimum (
	maxLength (
	minLength (
pattern (	
maxItems (
minItems (
uniqueItems (

multipleOf (Q
enum (2C.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSON
maxProperties (
minProperties (
required (	d
items (2U.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrArray]
allOf (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps]
oneOf (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps]
anyOf (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps[
not (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsr

properties (2^.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps.PropertiesEntryr
additionalProperties (2T.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrBoolÄ
patternProperties (2e.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps.PatternPropertiesEntryv
dependencies  (2`.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps.DependenciesEntrym
additionalItems! (2T.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrBoolt
definitions" (2_.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps.DefinitionsEntryj
externalDocs# (2T.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ExternalDocumentationT
example$ (2C.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSON
nullable% ((
 xKubernetesPreserveUnknownFields& (#
xKubernetesEmbeddedResource' (
xKubernetesIntOrString( (
xKubernetesListMapKeys) (	
xKubernetesListType* (	
xKubernetesMapType+ (	m
xKubernetesValidations, (2M.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ValidationRuleÅ
PropertiesEntry
key (	]
value (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps:8à
PatternPropertiesEntry
key (	]
value (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps:8ê
DependenciesEntry
key (	j
value (2[.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsOrStringArray:8Ç
DefinitionsEntry
key (	]
value (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps:8"›
JSONSchemaPropsOrArray^
schema (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaPropsc
jSONSchemas (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps"á
JSONSchemaPropsOrBool
allows (^
schema (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps"ê
JSONSchemaPropsOrStringArray^
schema (2N.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.JSONSchemaProps
property (	"#
SelectableField
jsonPath (	"O
ServiceReference
	namespace (	
name (	
path (	
port ("Ü
ValidationRule
rule (	
message (	
messageExpression (	
reason (	
	fieldPath (	
optionalOldSelf ("ñ
WebhookClientConfig
url (	`
service (2O.k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1.ServiceReference
caBundle (Bq
io.kubernetes.client.protoBV1beta1ApiextensionsZ=k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1