package dev.concord.example;

/** Receives an import's progress: how many items there are, and how many are done so far. */
public interface ImportProgress {
    ImportProgress NONE = new ImportProgress() {
        @Override
        public void total(int total) {}

        @Override
        public void processed(int processed) {}
    };

    void total(int total);

    void processed(int processed);
}
