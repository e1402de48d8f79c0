// The WizardCore module. See DESIGN.md for what belongs here.
import RemoteClusterKit
