// The ClusterSimulator module. See DESIGN.md for what belongs here.
import RemoteClusterKit
