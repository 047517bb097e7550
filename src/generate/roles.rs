//! What companies do: each role fixes a company's sectors, its name and the relations it takes
//! part in.

/// What a company does; it fixes its sectors, its name and the relations it takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Vc,
    Fund,
    Investor,
    Sovereign,
    Pension,
    Bank,
    Lab,
    Search,
    App,
    Software,
    Fintech,
    Crypto,
    Autonomy,
    Automaker,
    Cloud,
    GpuCloud,
    Datacenter,
    Chipmaker,
    Hardware,
    Energy,
    Conglomerate,
    Project,
}

/// A role's share of the companies (per mille), its sectors and the words its names end in.
pub(super) struct RoleSpec {
    /// The role.
    pub(super) role: Role,
    /// How many companies in a thousand have it.
    pub(super) per_mille: usize,
    /// The sector tags its companies carry.
    pub(super) sectors: &'static [&'static str],
    /// What its companies' names end with, one drawn per name.
    pub(super) suffixes: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const ROLES: [RoleSpec; 22] = [
    spec(Role::Vc, 70, &["investor", "vc"], &["Ventures", "Capital", "Partners", "VC"]),
    spec(Role::Fund, 40, &["investor", "vc"], &[]),
    spec(Role::Investor, 20, &["investor"], &["Investments", "Asset Management", "Growth"]),
    spec(Role::Sovereign, 5, &["investor", "sovereign-fund"], &["Investment Authority"]),
    spec(Role::Pension, 5, &["investor", "pension-fund"], &["Pension Plan", "Retirement Fund"]),
    spec(Role::Bank, 15, &["bank", "investor"], &["Bank", "Financial", "Securities"]),
    spec(Role::Lab, 40, &["ai-lab"], &["AI", "Labs", "Intelligence", "Research"]),
    spec(Role::Search, 15, &["ai-search"], &["Search", "Answers", "Find"]),
    spec(Role::App, 250, &["ai-app"], &["AI", "App", "Studio", "Assist"]),
    spec(Role::Software, 220, &["software"], &["Software", "Systems", "Data", "Works"]),
    spec(Role::Fintech, 60, &["fintech"], &["Pay", "Finance", "Money"]),
    spec(Role::Crypto, 30, &["crypto"], &["Chain", "Coin", "Protocol"]),
    spec(Role::Autonomy, 15, &["autonomous-vehicles"], &["Autonomy", "Robotics", "Drive"]),
    spec(Role::Automaker, 10, &["automaker"], &["Motors", "Automotive"]),
    spec(Role::Cloud, 15, &["cloud"], &["Cloud", "Cloud Services"]),
    spec(Role::GpuCloud, 25, &["gpu-cloud"], &["Compute", "GPU Cloud", "Scale"]),
    spec(Role::Datacenter, 50, &["datacenter"], &["Data Centers", "Digital", "Infrastructure"]),
    spec(Role::Chipmaker, 15, &["chipmaker"], &["Semiconductor", "Silicon", "Micro", "Devices"]),
    spec(Role::Hardware, 40, &["hardware"], &["Networks", "Hardware", "Photonics"]),
    spec(Role::Energy, 30, &["energy"], &["Energy", "Power", "Renewables"]),
    spec(Role::Conglomerate, 10, &["conglomerate"], &["Group", "Industries", "Holdings"]),
    spec(Role::Project, 20, &["project"], &["Campus", "Site", "Project"]),
];

const fn spec(
    role: Role,
    per_mille: usize,
    sectors: &'static [&'static str],
    suffixes: &'static [&'static str],
) -> RoleSpec {
    RoleSpec {
        role,
        per_mille,
        sectors,
        suffixes,
    }
}

pub(super) fn role_index(role: Role) -> usize {
    ROLES
        .iter()
        .position(|spec| spec.role == role)
        .expect("every role has a spec")
}
