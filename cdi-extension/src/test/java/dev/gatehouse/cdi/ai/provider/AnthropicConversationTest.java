package dev.gatehouse.cdi.ai.provider;

import static dev.gatehouse.cdi.ai.provider.AnthropicRoundTrip.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import jakarta.json.JsonObject;

/** How OpenAI messages, tools and content parts become Anthropic's {@code system}, turns and blocks. */
class AnthropicConversationTest {

    private FakeAnthropic anthropic;

    @BeforeEach
    void start() throws Exception {
        anthropic = FakeAnthropic.start();
    }

    @AfterEach
    void stop() {
        anthropic.close();
    }

    /** The body the fake accepted (it refuses system roles in messages, as the API does). */
    private JsonObject sent(String chat) throws Exception {
        new AnthropicRoundTrip(new AnthropicAdapter(), anthropic.provider()).complete(json(chat));
        return anthropic.lastRequest().json();
    }

    @Test
    void requestWhenSystemAndDeveloperMessagesThenTopLevelSystemInOrder() throws Exception {
        JsonObject body = sent("{'messages':[{'role':'system','content':'Be brief.'},"
                + "{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello'},"
                + "{'role':'developer','content':[{'type':'text','text':'Answer in French.'}]},"
                + "{'role':'user','content':'Bye'}]}");

        assertEquals("Be brief.\n\nAnswer in French.", body.getString("system"));
        assertEquals(json("{'m':[{'role':'user','content':'Hi'},{'role':'assistant','content':'Hello'},"
                + "{'role':'user','content':'Bye'}]}").get("m"), body.get("messages"));
    }

    @Test
    void requestWhenNoSystemMessageThenNoSystemField() throws Exception {
        assertFalse(sent("{'messages':[{'role':'user','content':'Hi'}]}").containsKey("system"));
    }

    @Test
    void requestWhenConsecutiveUserMessagesThenOneTurnWithTheirBlocksInOrder() throws Exception {
        JsonObject body = sent("{'messages':[{'role':'user','content':'One'},"
                + "{'role':'user','content':[{'type':'text','text':'Two'}]}]}");

        assertEquals(json("{'m':[{'role':'user','content':[{'type':'text','text':'One'},"
                + "{'type':'text','text':'Two'}]}]}").get("m"), body.get("messages"));
    }

    @Test
    void requestWhenToolsDeclaredThenAnthropicToolsAndChoice() throws Exception {
        JsonObject body = sent("{'messages':[{'role':'user','content':'Weather?'}],'tool_choice':'required',"
                + "'parallel_tool_calls':false,'tools':[{'type':'function','function':{'name':'weather',"
                + "'description':'Current weather','parameters':{'type':'object','properties':"
                + "{'city':{'type':'string'}}},'strict':true}},{'type':'function','function':{'name':'now'}}]}");

        assertEquals(json("{'t':[{'name':'weather','description':'Current weather','input_schema':"
                + "{'type':'object','properties':{'city':{'type':'string'}}}},"
                + "{'name':'now','input_schema':{'type':'object','properties':{}}}]}").get("t"), body.get("tools"));
        assertEquals(json("{'type':'any','disable_parallel_tool_use':true}"), body.get("tool_choice"));
    }

    @ParameterizedTest(name = "tool_choice {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "'auto'                                        | {'type':'auto'}",
        "'none'                                        | {'type':'none'}",
        "{'type':'function','function':{'name':'now'}} | {'type':'tool','name':'now'}",
        "null                                          | {'none':'sent'}" })
    void requestWhenToolChoiceThenAnthropicToolChoice(String openAi, String anthropicChoice) throws Exception {
        JsonObject body = sent("{'messages':[{'role':'user','content':'Hi'}],'tool_choice':" + openAi
                + ",'tools':[{'type':'function','function':{'name':'now'}}]}");

        assertEquals(json(anthropicChoice), body.getOrDefault("tool_choice", json("{'none':'sent'}")));
    }

    @Test
    void requestWhenToolCallsAndToolResultsThenToolUseAndToolResultBlocks() throws Exception {
        JsonObject body = sent("{'tools':[{'type':'function','function':{'name':'weather'}}],'messages':["
                + "{'role':'user','content':'Paris and Rome?'},"
                + "{'role':'assistant','content':null,'tool_calls':["
                + "{'id':'toolu_1','type':'function','function':{'name':'weather',"
                + "'arguments':'{\\'city\\':\\'Paris\\'}'}},"
                + "{'id':'toolu_2','type':'function','function':{'name':'weather',"
                + "'arguments':'{\\'city\\':\\'Rome\\'}'}}]},"
                + "{'role':'tool','tool_call_id':'toolu_1','content':'18C'},"
                + "{'role':'tool','tool_call_id':'toolu_2','content':[{'type':'text','text':'24C'}]},"
                + "{'role':'user','content':'Thanks'}]}");

        assertEquals(json("{'m':[{'role':'user','content':'Paris and Rome?'},"
                + "{'role':'assistant','content':["
                + "{'type':'tool_use','id':'toolu_1','name':'weather','input':{'city':'Paris'}},"
                + "{'type':'tool_use','id':'toolu_2','name':'weather','input':{'city':'Rome'}}]},"
                + "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_1','content':'18C'},"
                + "{'type':'tool_result','tool_use_id':'toolu_2','content':[{'type':'text','text':'24C'}]},"
                + "{'type':'text','text':'Thanks'}]}]}").get("m"), body.get("messages"));
    }

    @Test
    void requestWhenAssistantTextAndToolCallThenTextBlockBeforeToolUse() throws Exception {
        JsonObject body = sent("{'tools':[{'type':'function','function':{'name':'now'}}],'messages':["
                + "{'role':'user','content':'Time?'},{'role':'assistant','content':'Checking.','tool_calls':["
                + "{'id':'toolu_9','type':'function','function':{'name':'now','arguments':''}}]},"
                + "{'role':'tool','tool_call_id':'toolu_9','content':'noon'}]}");

        assertEquals(json("{'role':'assistant','content':[{'type':'text','text':'Checking.'},"
                + "{'type':'tool_use','id':'toolu_9','name':'now','input':{}}]}"),
                body.getJsonArray("messages").get(1));
    }

    @Test
    void requestWhenImagePartsThenBase64AndUrlImageBlocks() throws Exception {
        JsonObject body = sent("{'messages':[{'role':'user','content':[{'type':'text','text':'Same?'},"
                + "{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGgo=','detail':'low'}},"
                + "{'type':'image_url','image_url':{'url':'https://example.com/cat.jpg'}}]}]}");

        assertEquals(json("{'c':[{'type':'text','text':'Same?'},{'type':'image','source':{'type':'base64',"
                + "'media_type':'image/png','data':'iVBORw0KGgo='}},"
                + "{'type':'image','source':{'type':'url','url':'https://example.com/cat.jpg'}}]}").get("c"),
                body.getJsonArray("messages").getJsonObject(0).get("content"));
    }

    @Test
    void requestWhenPdfFilePartThenDocumentBlock() throws Exception {
        JsonObject body = sent("{'messages':[{'role':'user','content':[{'type':'file','file':"
                + "{'filename':'a.pdf','file_data':'data:application/pdf;base64,JVBERi0='}}]}]}");

        assertEquals(json("{'type':'document','source':{'type':'base64','media_type':'application/pdf',"
                + "'data':'JVBERi0='}}"),
                body.getJsonArray("messages").getJsonObject(0).getJsonArray("content").get(0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "n=2 | {'n':2,'messages':[{'role':'user','content':'Hi'}]}"
                + " | n other than 1 is not supported by Anthropic providers",
        "audio output | {'modalities':['text','audio'],'messages':[{'role':'user','content':'Hi'}]}"
                + " | Audio output is not supported by Anthropic providers",
        "json_schema | {'response_format':{'type':'json_schema'},'messages':[{'role':'user','content':'Hi'}]}"
                + " | response_format json_schema is not supported by Anthropic providers",
        "audio input | {'messages':[{'role':'user','content':[{'type':'input_audio','input_audio':{}}]}]}"
                + " | Audio input is not supported by Anthropic providers",
        "file id | {'messages':[{'role':'user','content':[{'type':'file','file':{'file_id':'f1'}}]}]}"
                + " | File ids are not supported by Anthropic providers: send file_data",
        "ftp image | {'messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'ftp://x'}}]}]}"
                + " | Unsupported image reference: use an http(s) URL or a base64 data: URL",
        "function role | {'messages':[{'role':'function','name':'f','content':'x'}]}"
                + " | Unsupported message role: Anthropic providers take system, developer, user, assistant, tool",
        "bad arguments | {'messages':[{'role':'assistant','tool_calls':[{'id':'t','type':'function',"
                + "'function':{'name':'f','arguments':'[1]'}}]}]} | Tool call arguments must be a JSON object",
        "tool without id | {'messages':[{'role':'tool','content':'x'}]} | A tool message needs a tool_call_id",
        "max_tokens 0 | {'max_tokens':0,'messages':[{'role':'user','content':'Hi'}]}"
                + " | max_tokens must be a positive integer",
        "stop number | {'stop':5,'messages':[{'role':'user','content':'Hi'}]}"
                + " | stop must be a string or an array of strings",
        "image in system | {'messages':[{'role':'system','content':[{'type':'image_url'}]}]}"
                + " | Only text content is supported in system messages" })
    void requestWhenInexpressibleThenRefusedWithSafeMessage(String caseName, String chat, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new AnthropicAdapter().request(anthropic.provider(), "m", json(chat), false));

        assertEquals(message, refused.getMessage());
        assertEquals(0, anthropic.requests().size());
    }
}
