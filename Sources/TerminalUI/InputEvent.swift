import Dashboard

/// What the terminal delivered while the program waited.
public enum InputEvent: Equatable {
    case key(Key)
    case mouse(MouseEvent)
    case resized(width: Int, height: Int)
    /// Input closed (EOF, hang-up, error): the program must end.
    case closed
    case timeout
    case interrupted
}
