package dev.blogdb.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A terminal whose person gives the answers a test wrote down, in order, and which records the prompts. */
final class FakeTerminal implements Terminal {

    private final Deque<String> answers;
    private final List<String> prompts = new ArrayList<>();

    FakeTerminal(String... answers) {
        this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public Optional<String> ask(String prompt) {
        prompts.add(prompt);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public Optional<String> askSecret(String prompt) {
        return ask(prompt);
    }

    /** The prompts shown so far, in order. */
    List<String> prompts() {
        return List.copyOf(prompts);
    }
}
