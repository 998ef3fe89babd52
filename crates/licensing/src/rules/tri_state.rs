/// The state of a product's box for the selected users: every one holds it, some do, none does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriState {
    Checked,
    Mixed,
    Clear,
}

impl TriState {
    /// The box as the page opens: filled when all `selected` users are among the `holders`,
    /// partly filled when some are, clear when none is (or nobody is selected).
    pub fn from_counts(holders: usize, selected: usize) -> Self {
        if holders == 0 || selected == 0 {
            TriState::Clear
        } else if holders >= selected {
            TriState::Checked
        } else {
            TriState::Mixed
        }
    }

    /// The state after a click or Space. A box that opened mixed cycles
    /// mixed -> checked -> clear -> mixed, so "leave each user as they are" stays reachable
    /// (WAI-ARIA mixed checkbox); one that opened checked or clear just toggles.
    pub fn next(self, initial: TriState) -> Self {
        match (initial, self) {
            (TriState::Mixed, TriState::Mixed) => TriState::Checked,
            (TriState::Mixed, TriState::Checked) => TriState::Clear,
            (TriState::Mixed, TriState::Clear) => TriState::Mixed,
            (_, TriState::Checked) => TriState::Clear,
            (_, TriState::Clear | TriState::Mixed) => TriState::Checked,
        }
    }

    /// The `aria-checked` value.
    pub fn as_aria(self) -> &'static str {
        match self {
            TriState::Checked => "true",
            TriState::Mixed => "mixed",
            TriState::Clear => "false",
        }
    }

    /// A stable name for CSS modifiers and test ids.
    pub fn as_str(self) -> &'static str {
        match self {
            TriState::Checked => "checked",
            TriState::Mixed => "mixed",
            TriState::Clear => "clear",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TriState::{self, Checked, Clear, Mixed};
    use proptest::prelude::*;

    #[test]
    fn the_box_is_filled_when_every_selected_user_holds_the_product() {
        assert_eq!(TriState::from_counts(3, 3), Checked);
    }

    #[test]
    fn the_box_is_partly_filled_when_only_some_selected_users_hold_the_product() {
        assert_eq!(TriState::from_counts(1, 3), Mixed);
    }

    #[test]
    fn the_box_is_clear_when_no_selected_user_holds_the_product() {
        assert_eq!(TriState::from_counts(0, 3), Clear);
    }

    #[test]
    fn the_box_is_clear_when_nobody_is_selected() {
        assert_eq!(TriState::from_counts(0, 0), Clear);
    }

    #[test]
    fn a_box_that_opened_mixed_cycles_checked_clear_and_back_to_mixed() {
        assert_eq!(Mixed.next(Mixed), Checked);
        assert_eq!(Checked.next(Mixed), Clear);
        assert_eq!(Clear.next(Mixed), Mixed);
    }

    #[test]
    fn a_box_that_opened_checked_or_clear_just_toggles() {
        assert_eq!(Checked.next(Checked), Clear);
        assert_eq!(Clear.next(Checked), Checked);
        assert_eq!(Clear.next(Clear), Checked);
        assert_eq!(Checked.next(Clear), Clear);
    }

    #[test]
    fn screen_readers_hear_true_false_or_mixed() {
        assert_eq!(Checked.as_aria(), "true");
        assert_eq!(Clear.as_aria(), "false");
        assert_eq!(Mixed.as_aria(), "mixed");
    }

    fn any_state() -> impl Strategy<Value = TriState> {
        prop_oneof![Just(Checked), Just(Mixed), Just(Clear)]
    }

    proptest! {
        #[test]
        fn clicking_always_comes_back_to_where_the_box_opened(initial in any_state()) {
            let clicks = if initial == Mixed { 3 } else { 2 };
            let mut state = initial;
            for _ in 0..clicks {
                state = state.next(initial);
                prop_assert!(state != Mixed || initial == Mixed, "mixed only if it opened mixed");
            }
            prop_assert_eq!(state, initial);
        }
    }
}
